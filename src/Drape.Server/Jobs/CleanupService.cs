using Drape.Server.Data;
using Drape.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Jobs;

/// <summary>
/// Privacy clean-up: expired sessions go with their blobs and results (every <c>CleanupIntervalMinutes</c>), and
/// blobs nobody points to — temp uploads, folders of deleted jobs — once older than <c>TempUploadMinutes</c>, and
/// analysis masks once their signed URLs have expired (<c>Drape:Files:UrlLifetimeMinutes</c>).
/// No row is left pointing at a deleted blob: rows go first only after their blobs are gone.
/// </summary>
public sealed class CleanupService(IServiceScopeFactory scopes, IBlobStore blobs, IOptions<JobOptions> options, IOptions<FileUrlOptions> urls, TimeProvider time, ILogger<CleanupService> logger) : BackgroundService
{
    public sealed record Report(int ExpiredJobs, int ExpiredResults, int OrphanBlobs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastExpirySweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sweepExpired = time.GetUtcNow() - lastExpirySweep >= TimeSpan.FromMinutes(options.Value.CleanupIntervalMinutes);
                var report = await RunOnceAsync(sweepExpired, stoppingToken);
                lastExpirySweep = sweepExpired ? time.GetUtcNow() : lastExpirySweep;
                if (report != new Report(0, 0, 0))
                {
                    logger.LogInformation("Clean-up removed {Jobs} expired sessions, {Results} expired results, {Orphans} orphaned blobs", report.ExpiredJobs, report.ExpiredResults, report.OrphanBlobs);
                }

                await Task.Delay(TimeSpan.FromMinutes(Math.Min(options.Value.TempUploadMinutes, options.Value.CleanupIntervalMinutes)), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Clean-up round failed");
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            }
        }
    }

    public async Task<Report> RunOnceAsync(bool sweepExpired, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var (jobs, results) = sweepExpired ? (await DeleteExpiredJobsAsync(db, now, cancellationToken), await DeleteExpiredResultsAsync(db, now, cancellationToken)) : (0, 0);
        var orphans = await DeleteOrphansAsync(db, cancellationToken);
        return new Report(jobs, results, orphans);
    }

    private async Task<int> DeleteExpiredJobsAsync(DrapeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var expired = await db.Jobs.Where(j => j.ExpiresAt <= now && j.Status != JobStatus.Processing).OrderBy(j => j.ExpiresAt)
                .Select(j => j.Id).Take(100).ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return total;
            }

            foreach (var id in expired)
            {
                await blobs.DeletePrefixAsync(BlobKeys.JobFolder(id), cancellationToken);
            }

            await db.TryOnResults.Where(r => r.JobId != null && expired.Contains(r.JobId.Value)).ExecuteDeleteAsync(cancellationToken);
            await db.WebhookDeliveries.Where(d => expired.Contains(d.JobId)).ExecuteDeleteAsync(cancellationToken);
            total += await db.Jobs.Where(j => expired.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task<int> DeleteExpiredResultsAsync(DrapeDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var expired = await db.TryOnResults.Where(r => r.JobId == null && r.ExpiresAt <= now).Select(r => new { r.Id, r.ResultBlobKey }).ToListAsync(cancellationToken);
        foreach (var result in expired)
        {
            await blobs.DeleteAsync(result.ResultBlobKey, cancellationToken);
        }

        var ids = expired.Select(r => r.Id).ToList();
        return await db.TryOnResults.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Temp blobs and job folders without a job row, older than the temp limit (a request may still be writing younger ones).</summary>
    private async Task<int> DeleteOrphansAsync(DrapeDbContext db, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromMinutes(options.Value.TempUploadMinutes);
        var deleted = 0;
        await foreach (var blob in blobs.ListAsync(BlobKeys.TempPrefix, cancellationToken))
        {
            if (blob.LastModified < cutoff && await blobs.DeleteAsync(blob.Key, cancellationToken))
            {
                deleted++;
            }
        }

        // Analysis masks have no row: they go once the signed URL that points to them has expired.
        var analysisCutoff = time.GetUtcNow() - TimeSpan.FromMinutes(urls.Value.UrlLifetimeMinutes);
        await foreach (var blob in blobs.ListAsync(BlobKeys.AnalysisPrefix, cancellationToken))
        {
            if (blob.LastModified < analysisCutoff && await blobs.DeleteAsync(blob.Key, cancellationToken))
            {
                deleted++;
            }
        }

        var folders = new Dictionary<Guid, DateTimeOffset>();
        await foreach (var blob in blobs.ListAsync(BlobKeys.JobsPrefix, cancellationToken))
        {
            var segment = blob.Key[BlobKeys.JobsPrefix.Length..].Split('/')[0];
            if (Guid.TryParseExact(segment, "N", out var id))
            {
                folders[id] = folders.TryGetValue(id, out var newest) && newest > blob.LastModified ? newest : blob.LastModified;
            }
        }

        var candidates = folders.Where(f => f.Value < cutoff).Select(f => f.Key).ToList();
        var existing = (await db.Jobs.Where(j => candidates.Contains(j.Id)).Select(j => j.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var id in candidates.Where(id => !existing.Contains(id)))
        {
            deleted += await blobs.DeletePrefixAsync(BlobKeys.JobFolder(id), cancellationToken);
        }

        var resultKeys = new List<BlobInfo>();
        await foreach (var blob in blobs.ListAsync(BlobKeys.ResultsPrefix, cancellationToken))
        {
            if (blob.LastModified < cutoff)
            {
                resultKeys.Add(blob);
            }
        }

        var keys = resultKeys.Select(b => b.Key).ToList();
        var referenced = (await db.TryOnResults.Where(r => keys.Contains(r.ResultBlobKey)).Select(r => r.ResultBlobKey).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var blob in resultKeys.Where(b => !referenced.Contains(b.Key)))
        {
            if (await blobs.DeleteAsync(blob.Key, cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }
}
