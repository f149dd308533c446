using Drape.Server.Hosting;
using Drape.Vision.Models;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.TryOn;

/// <summary>With <c>Drape:Models:Warmup</c>, loads every model and runs it once on zeros at start, so the first request pays nothing.</summary>
internal sealed class ModelWarmup(ModelManager models, IOptions<ModelOptions> options, ILogger<ModelWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Warmup)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await models.WarmUpAsync(models.Manifest.Models.Select(m => m.Id), cancellationToken);
        logger.LogInformation("Models warmed up in {DurationMs} ms", (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
