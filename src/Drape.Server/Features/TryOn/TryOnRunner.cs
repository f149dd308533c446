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
using Microsoft.EntityFrameworkCore;
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
    /// <param name="lease">The session job and the worker holding it, for session runs; null for synchronous calls.</param>
    public async Task<Outcome> RunAsync(string engineName, SKBitmap person, SKBitmap garment, GarmentCategory? category, int seed, string? description,
        string resultKey, JobLease? lease, string? userId, IProgress<int>? progress, CancellationToken cancellationToken, Guid? garmentId = null, Guid? avatarId = null)
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
        var row = new TryOnResult
        {
            Id = resultId,
            JobId = lease?.JobId,
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
        };
        if (lease is null)
        {
            db.TryOnResults.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        else
        {
            await SaveForJobAsync(row, lease);
        }

        var result = new TryOnJobOutput(resultId, resultKey, output.Image.Width, output.Image.Height, (long)elapsed.TotalMilliseconds, categoryName, run.Engine, run.DegradedReason);
        return new Outcome(result, output.Image);
    }

    /// <summary>
    /// A session's result row, exactly one per session however many attempts ran: in one transaction, only while this
    /// worker still holds the job's lease, replacing the row of an earlier attempt whose worker died before completing.
    /// A worker that lost its lease (another took the job over) keeps nothing.
    /// </summary>
    private async Task SaveForJobAsync(TryOnResult row, JobLease lease)
    {
        var id = lease.JobId;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var held = await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Processing && j.LeaseOwner == lease.Worker)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.UpdatedAt, row.CreatedAt), CancellationToken.None);
        if (held == 0)
        {
            throw new JobLeaseLostException(id, lease.Worker);
        }

        await db.TryOnResults.Where(r => r.JobId == id).ExecuteDeleteAsync(CancellationToken.None);
        db.TryOnResults.Add(row);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }
}
