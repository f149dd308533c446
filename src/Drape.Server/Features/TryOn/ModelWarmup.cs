using Drape.Server.Hosting;
using Drape.Vision.Faces;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Drape.Server.Features.TryOn;

/// <summary>With <c>Drape:Models:Warmup</c>, loads and runs the face models once at start so the first request pays nothing.</summary>
internal sealed class ModelWarmup(IFaceDetector faces, IOptions<ModelOptions> options, ILogger<ModelWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Warmup)
        {
            return Task.CompletedTask;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var blank = new SKBitmap(new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        blank.Erase(SKColors.Gray);
        faces.Detect(blank);
        logger.LogInformation("Models warmed up in {DurationMs} ms", (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
