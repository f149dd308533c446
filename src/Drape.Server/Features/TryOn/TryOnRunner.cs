using System.Diagnostics;
using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Server.Data;
using Drape.Server.Jobs;
using Drape.Server.Observability;
using Drape.Server.Storage;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Drape.Server.Features.TryOn;

/// <summary>
/// Runs the configured try-on engine once and keeps what it made: the PNG as a blob and a <c>tryon_results</c> row.
/// Shared by session jobs and the synchronous endpoint. Writes one inference log line per run.
/// </summary>
public sealed class TryOnRunner(
    ITryOnEngine engine,
    IBlobStore blobs,
    DrapeDbContext db,
    TimeProvider time,
    IOptions<JobOptions> jobs,
    DrapeMetrics metrics,
    ILogger<TryOnRunner> logger)
{
    public string EngineName => engine.Name;

    public sealed record Outcome(TryOnJobOutput Output, SKBitmap Image) : IDisposable
    {
        public void Dispose() => Image.Dispose();
    }

    /// <param name="resultKey">Where the PNG goes (a session's folder, or <c>results/</c> for synchronous calls).</param>
    public async Task<Outcome> RunAsync(SKBitmap person, SKBitmap garment, GarmentCategory? category, int seed, string? description,
        string resultKey, Guid? jobId, string? userId, IProgress<int>? progress, CancellationToken cancellationToken, Guid? garmentId = null, Guid? avatarId = null)
    {
        var started = Stopwatch.GetTimestamp();
        TryOnOutput output;
        try
        {
            output = await engine.RunAsync(new TryOnInput(person, garment, category, seed, description), progress, cancellationToken);
        }
        catch (Exception e) when (e is not DrapeException and not OperationCanceledException)
        {
            throw DrapeException.Inference($"The {engine.Name} engine failed.", e);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var categoryName = output.Category.ToString().ToLowerInvariant();
        logger.LogInformation("Inference {Engine} {Model} {Category} {DurationMs} ms {Width}x{Height}",
            engine.Name, output.Model, categoryName, (long)elapsed.TotalMilliseconds, output.Image.Width, output.Image.Height);
        metrics.EngineRan(engine.Name, categoryName, elapsed.TotalMilliseconds);

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
            Engine = engine.Name,
            ResultBlobKey = resultKey,
            Width = output.Image.Width,
            Height = output.Image.Height,
            DurationMs = (long)elapsed.TotalMilliseconds,
            CreatedAt = now,
            ExpiresAt = now.AddHours(jobs.Value.RetentionHours),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        var result = new TryOnJobOutput(resultId, resultKey, output.Image.Width, output.Image.Height, (long)elapsed.TotalMilliseconds, categoryName, engine.Name);
        return new Outcome(result, output.Image);
    }
}
