using System.Diagnostics;
using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Server.Data;
using Drape.Server.Engines;
using Drape.Server.Jobs;
using Drape.Server.Observability;
using Drape.Server.Storage;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Drape.Server.Features.TryOn;

/// <summary>
/// Runs a try-on engine once (the one asked for, or the built-in one when that fails and fallback is on) and keeps what
/// it made: the PNG as a blob and a <c>tryon_results</c> row. Shared by session jobs and the synchronous endpoint.
/// Writes one inference log line per run.
/// </summary>
public sealed class TryOnRunner(
    TryOnEngines engines,
    IBlobStore blobs,
    DrapeDbContext db,
    TimeProvider time,
    IOptions<JobOptions> jobs,
    DrapeMetrics metrics,
    ILogger<TryOnRunner> logger)
{
    public sealed record Outcome(TryOnJobOutput Output, SKBitmap Image) : IDisposable
    {
        public void Dispose() => Image.Dispose();
    }

    /// <param name="engineName">The engine asked for (a configured one; see <see cref="TryOnEngines.Problem"/>).</param>
    /// <param name="resultKey">Where the PNG goes (a session's folder, or <c>results/</c> for synchronous calls).</param>
    public async Task<Outcome> RunAsync(string engineName, SKBitmap person, SKBitmap garment, GarmentCategory? category, int seed, string? description,
        string resultKey, Guid? jobId, string? userId, IProgress<int>? progress, CancellationToken cancellationToken, Guid? garmentId = null, Guid? avatarId = null)
    {
        var started = Stopwatch.GetTimestamp();
        var run = await engines.RunAsync(engineName, new TryOnInput(person, garment, category, seed, description), progress, cancellationToken);
        var output = run.Output;

        var elapsed = Stopwatch.GetElapsedTime(started);
        var categoryName = output.Category.ToString().ToLowerInvariant();
        logger.LogInformation("Inference {Engine} {Model} {Category} {DurationMs} ms {Width}x{Height} degraded={Degraded}",
            run.Engine, output.Model, categoryName, (long)elapsed.TotalMilliseconds, output.Image.Width, output.Image.Height, run.Degraded);
        metrics.EngineRan(run.Engine, categoryName, elapsed.TotalMilliseconds);

        var png = ImageEncoding.EncodePng(output.Image);
        await blobs.PutAsync(resultKey, png, "image/png", cancellationToken);
        var resultId = Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow().UtcDateTime;
        db.TryOnResults.Add(new TryOnResult
        {
            Id = resultId,
            JobId = jobId,
            UserId = userId,
            GarmentId = garmentId,
            AvatarId = avatarId,
            Category = categoryName,
            Engine = run.Engine,
            DegradedReason = run.DegradedReason,
            ResultBlobKey = resultKey,
            Width = output.Image.Width,
            Height = output.Image.Height,
            DurationMs = (long)elapsed.TotalMilliseconds,
            CreatedAt = now,
            ExpiresAt = now.AddHours(jobs.Value.RetentionHours),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        var result = new TryOnJobOutput(resultId, resultKey, output.Image.Width, output.Image.Height, (long)elapsed.TotalMilliseconds, categoryName, run.Engine, run.DegradedReason);
        return new Outcome(result, output.Image);
    }
}
