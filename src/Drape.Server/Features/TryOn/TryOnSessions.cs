using System.Text.Json;
using Drape.Errors;
using Drape.Server.Data;
using Drape.Server.Jobs;
using Drape.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.TryOn;

/// <summary>Creates try-on sessions (single and batch) from validated requests, with idempotency keys.</summary>
public sealed class TryOnSessions(DrapeDbContext db, JobQueue queue, IBlobStore blobs, TimeProvider time)
{
    public const int MaxIdempotencyKey = 255;

    /// <summary>
    /// A new session, or the existing one when the same key came with the same request within 24 h (another request
    /// under that key is 409). A unique index on the scoped key settles simultaneous first uses: the loser replays the
    /// winner. A key older than 24 h is released and may start a new session.
    /// </summary>
    public async Task<(Job Job, bool Replayed)> CreateAsync(TryOnRequest request, string? idempotencyKey, string? userId, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
        {
            var plain = await NewJobAsync(request, request.Garments[0], request.Categories[0], null, userId, cancellationToken);
            await queue.EnqueueAsync([plain], cancellationToken);
            return (plain, false);
        }

        var scoped = $"{(userId is null ? "anonymous" : "user:" + userId)}|{idempotencyKey}";
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.IdempotencyKey == scoped, cancellationToken);
            if (existing is not null && existing.CreatedAt >= time.GetUtcNow().UtcDateTime.AddHours(-24))
            {
                return existing.RequestHash == request.RequestHash
                    ? (existing, true)
                    : throw new DrapeException(ErrorCodes.Conflict, 409, "This Idempotency-Key was already used with a different request.",
                        new Dictionary<string, object?> { ["idempotency_key"] = idempotencyKey, ["session_id"] = existing.Id });
            }

            if (existing is not null)
            {
                await db.Jobs.Where(j => j.Id == existing.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.IdempotencyKey, (string?)null), cancellationToken);
            }

            var job = await NewJobAsync(request, request.Garments[0], request.Categories[0], null, userId, cancellationToken);
            job.IdempotencyKey = scoped;
            try
            {
                await queue.EnqueueAsync([job], cancellationToken);
                return (job, false);
            }
            catch (DbUpdateException e) when (attempt == 0 && DbErrors.IsUniqueViolation(e))
            {
                // A simultaneous request with the same key won; drop this attempt and answer with its session.
                db.ChangeTracker.Clear();
                await blobs.DeletePrefixAsync(BlobKeys.JobFolder(job.Id), cancellationToken);
            }
        }
    }

    /// <summary>One session per garment, sharing a batch id.</summary>
    public async Task<(Guid BatchId, List<Job> Jobs)> CreateBatchAsync(TryOnRequest request, string? userId, CancellationToken cancellationToken)
    {
        var batchId = Guid.CreateVersion7(time.GetUtcNow());
        var jobs = new List<Job>();
        for (var i = 0; i < request.Garments.Count; i++)
        {
            jobs.Add(await NewJobAsync(request, request.Garments[i], request.Categories[i], batchId, userId, cancellationToken));
        }

        await queue.EnqueueAsync(jobs, cancellationToken);
        return (batchId, jobs);
    }

    private async Task<Job> NewJobAsync(TryOnRequest request, ValidatedImage garment, string category, Guid? batchId, string? userId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        // The uploads are kept as sent (validated, not yet decoded): the worker decodes them, applying EXIF
        // orientation, and nothing Drape produces or serves carries their metadata. They expire with the session.
        var personKey = BlobKeys.JobFile(id, $"person.{request.Person.Header.Extension}");
        var garmentKey = BlobKeys.JobFile(id, $"garment.{garment.Header.Extension}");
        await blobs.PutAsync(personKey, request.Person.Data, request.Person.ContentType, cancellationToken);
        await blobs.PutAsync(garmentKey, garment.Data, garment.ContentType, cancellationToken);
        var input = new TryOnJobInput(personKey, garmentKey, category, request.Seed, request.Description, request.Engine, garment.SourceId, request.Person.SourceId);
        return new Job
        {
            Id = id,
            Kind = JobKinds.TryOn,
            UserId = userId,
            BatchId = batchId,
            Input = JsonSerializer.Serialize(input, SessionViews.Json),
            RequestHash = request.RequestHash,
            WebhookUrl = request.WebhookUrl,
        };
    }
}
