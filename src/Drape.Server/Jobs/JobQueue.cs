using Drape.Errors;
using Drape.Server.Data;
using Drape.Server.Observability;
using Drape.Server.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Jobs;

/// <summary>
/// The job lifecycle of DESIGN.md §6 over the <c>jobs</c> table. Every transition of a claimed job is a conditional
/// update on (id, status, lease owner), so a worker that lost its lease can never overwrite the new owner's work.
/// </summary>
public sealed class JobQueue(
    DrapeDbContext db,
    TimeProvider time,
    IOptions<JobOptions> options,
    JobSignals signals,
    DrapeMetrics metrics,
    WebhookOutbox webhooks,
    ILogger<JobQueue> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Adds a new job (status <c>created</c>) and wakes the workers.</summary>
    public async Task EnqueueAsync(IEnumerable<Job> jobs, CancellationToken cancellationToken)
    {
        var now = Now;
        var list = jobs.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            // A microsecond apart (both databases keep microseconds): jobs made together, like a batch's, keep their order.
            var job = list[i];
            var created = now.AddTicks(i * 10);
            job.Status = JobStatus.Created;
            job.CreatedAt = job.UpdatedAt = job.NotBefore = created;
            job.ExpiresAt = now.AddHours(options.Value.RetentionHours);
            job.MaxAttempts = options.Value.MaxAttempts;
            db.Jobs.Add(job);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var job in list)
        {
            metrics.JobCreated(job.Kind);
        }

        signals.Queued();
        signals.Changed();
    }

    /// <summary>
    /// Claims the oldest runnable job: a <c>created</c> one past its back-off, or a <c>processing</c> one whose lease
    /// lapsed (its worker died). A lapsed job that already used all its attempts is failed instead.
    /// </summary>
    public async Task<Job?> TryClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        if (db is PostgresDrapeDbContext && await ClaimSkipLockedAsync(workerId, cancellationToken) is { } claimedJob)
        {
            return claimedJob;
        }

        for (var tries = 0; tries < 5; tries++)
        {
            var now = Now;
            var candidate = await db.Jobs.AsNoTracking()
                .Where(j => (j.Status == JobStatus.Created && j.NotBefore <= now) || (j.Status == JobStatus.Processing && j.LeaseUntil < now))
                .OrderBy(j => j.CreatedAt)
                .Select(j => new { j.Id, j.Status, j.LeaseUntil, j.LeaseOwner, j.Attempts, j.MaxAttempts, j.ErrorCode, j.Kind })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }

            var query = db.Jobs.Where(j => j.Id == candidate.Id && j.Status == candidate.Status && j.LeaseUntil == candidate.LeaseUntil);
            if (candidate.Status == JobStatus.Processing && candidate.Attempts >= candidate.MaxAttempts)
            {
                var lost = await query.ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Failed)
                    .SetProperty(j => j.ErrorCode, candidate.ErrorCode ?? ErrorCodes.InferenceFailed)
                    .SetProperty(j => j.ErrorMessage, "The job's worker stopped responding on its last attempt.")
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseUntil, (DateTime?)null)
                    .SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.UpdatedAt, now), cancellationToken);
                if (lost == 1)
                {
                    await FinishedAsync(candidate.Id, candidate.Kind, JobStatus.Failed, cancellationToken);
                }

                continue;
            }

            if (candidate.Status == JobStatus.Processing)
            {
                logger.LogWarning("Job {JobId}: lease of {Worker} lapsed; claiming it again", candidate.Id, candidate.LeaseOwner);
            }

            var claimed = await query.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Processing)
                .SetProperty(j => j.LeaseOwner, workerId)
                .SetProperty(j => j.LeaseUntil, now.AddSeconds(options.Value.LeaseSeconds))
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
            if (claimed == 1)
            {
                signals.Changed();
                return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == candidate.Id, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// PostgreSQL: one statement picks and claims the oldest runnable job, skipping rows other workers hold locked, so
    /// competing workers never wait on each other or claim the same job. Lapsed jobs out of attempts are left to the
    /// portable path, which fails them.
    /// </summary>
    private async Task<Job?> ClaimSkipLockedAsync(string workerId, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        var (created, processing) = (JobStatus.Created.ToWire(), JobStatus.Processing.ToWire());
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE jobs SET status = {processing}, lease_owner = {workerId}, lease_until = {until}, attempts = attempts + 1,
                            started_at = {now}, updated_at = {now}
            WHERE id = (
                SELECT id FROM jobs
                WHERE (status = {created} AND not_before <= {now})
                   OR (status = {processing} AND lease_until < {now} AND attempts < max_attempts)
                ORDER BY created_at
                FOR UPDATE SKIP LOCKED
                LIMIT 1)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        signals.Changed();
        return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == ids[0], cancellationToken);
    }

    /// <summary>Extends the lease and records progress; returns false when the lease is no longer ours, and whether a cancel was asked.</summary>
    public async Task<(bool Owned, bool CancelRequested)> HeartbeatAsync(Guid id, string workerId, int? progress, CancellationToken cancellationToken)
    {
        var now = Now;
        var query = Owned(id, workerId);
        var rows = progress is { } p
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, now.AddSeconds(options.Value.LeaseSeconds)).SetProperty(j => j.Progress, p).SetProperty(j => j.UpdatedAt, now), cancellationToken)
            : await query.ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, now.AddSeconds(options.Value.LeaseSeconds)), cancellationToken);
        if (progress is not null)
        {
            signals.Changed();
        }

        var cancel = rows == 1 && await db.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => j.CancelRequested).FirstAsync(cancellationToken);
        return (rows == 1, cancel);
    }

    public Task<bool> CompleteAsync(Job job, string workerId, string output, CancellationToken cancellationToken) =>
        FinishAsync(job, workerId, JobStatus.Completed, null, null, cancellationToken, output);

    public Task<bool> CancelledAsync(Job job, string workerId, CancellationToken cancellationToken) =>
        FinishAsync(job, workerId, JobStatus.Canceled, null, "Canceled at the client's request.", cancellationToken);

    /// <summary>
    /// Records a failed attempt: a retryable error with attempts left puts the job back with exponential back-off
    /// (2, 4, 8 … s); anything else fails it for good.
    /// </summary>
    public async Task<bool> FailAsync(Job job, string workerId, DrapeException error, CancellationToken cancellationToken)
    {
        if (error.Retryable && job.Attempts < job.MaxAttempts)
        {
            var now = Now;
            var retried = await Owned(job.Id, workerId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Created)
                .SetProperty(j => j.ErrorCode, error.ErrorCode)
                .SetProperty(j => j.ErrorMessage, error.Message)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null)
                .SetProperty(j => j.NotBefore, now.AddSeconds(Math.Pow(2, job.Attempts)))
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
            logger.LogWarning("Job {JobId} attempt {Attempt}/{MaxAttempts} failed with {ErrorCode}: {Message}; retrying", job.Id, job.Attempts, job.MaxAttempts, error.ErrorCode, error.Message);
            signals.Changed();
            return retried == 1;
        }

        return await FinishAsync(job, workerId, JobStatus.Failed, error.ErrorCode, error.Message, cancellationToken);
    }

    /// <summary>Gives a claimed job back untouched (the process is stopping), so another worker takes it at once.</summary>
    public async Task ReleaseAsync(Job job, string workerId, CancellationToken cancellationToken)
    {
        await Owned(job.Id, workerId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Created)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.UpdatedAt, Now), cancellationToken);
        signals.Queued();
    }

    /// <summary>Cancels a job: a waiting one at once; a running one at its next checkpoint. Returns the job, or null.</summary>
    public async Task<Job?> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = Now;
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return null;
        }

        if (job.Status.IsTerminal())
        {
            throw new DrapeException(ErrorCodes.Conflict, 409, $"The session is already {job.Status.ToWire()}; there is nothing to cancel.",
                new Dictionary<string, object?> { ["status"] = job.Status.ToWire() });
        }

        var canceledNow = await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Created).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Canceled)
            .SetProperty(j => j.CancelRequested, true)
            .SetProperty(j => j.ErrorMessage, "Canceled at the client's request.")
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.UpdatedAt, now), cancellationToken);
        if (canceledNow == 1)
        {
            await FinishedAsync(id, job.Kind, JobStatus.Canceled, cancellationToken);
        }
        else
        {
            await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Processing)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true).SetProperty(j => j.UpdatedAt, now), cancellationToken);
            signals.Changed();
        }

        return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken);
    }

    private IQueryable<Job> Owned(Guid id, string workerId) =>
        db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Processing && j.LeaseOwner == workerId);

    private async Task<bool> FinishAsync(Job job, string workerId, JobStatus status, string? errorCode, string? message, CancellationToken cancellationToken, string? output = null)
    {
        var now = Now;
        var done = status == JobStatus.Completed;
        var rows = await Owned(job.Id, workerId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Output, output)
            .SetProperty(j => j.Progress, j => done ? 100 : j.Progress)
            .SetProperty(j => j.ErrorCode, errorCode)
            .SetProperty(j => j.ErrorMessage, message)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.UpdatedAt, now), cancellationToken);
        if (rows == 0)
        {
            logger.LogWarning("Job {JobId}: worker {Worker} no longer holds the lease; its {Status} result is dropped", job.Id, workerId, status.ToWire());
            return false;
        }

        await FinishedAsync(job.Id, job.Kind, status, cancellationToken);
        return true;
    }

    private async Task FinishedAsync(Guid id, string kind, JobStatus status, CancellationToken cancellationToken)
    {
        metrics.JobFinished(kind, status.ToWire());
        logger.LogInformation("Job {JobId} ({Kind}) is {Status}", id, kind, status.ToWire());
        await webhooks.EnqueueIfWantedAsync(id, cancellationToken);
        signals.Changed();
    }
}
