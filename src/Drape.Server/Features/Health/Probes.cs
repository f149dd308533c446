using Drape.Server.Data;
using Drape.Server.Jobs;
using Drape.Server.Observability;
using Drape.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Health;

/// <summary>The database answers, and (the same query) how long the queue is; feeds the queue gauges too.</summary>
internal sealed class DatabaseProbe(IServiceScopeFactory scopes, DrapeMetrics metrics, TimeProvider time, QueueMonitor queue) : IHealthProbe
{
    public string Name => "database";

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        if (pending.Any())
        {
            return ComponentHealth.Unhealthy("the schema is not up to date; run `drape migrate`");
        }

        var counts = await db.Jobs.Where(j => j.Status == JobStatus.Created || j.Status == JobStatus.Processing)
            .GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.LongCount(), Oldest = g.Min(j => j.CreatedAt) })
            .ToListAsync(cancellationToken);
        var queued = counts.FirstOrDefault(c => c.Key == JobStatus.Created);
        metrics.QueueDepth = queued?.Count ?? 0;
        metrics.Processing = counts.FirstOrDefault(c => c.Key == JobStatus.Processing)?.Count ?? 0;
        queue.Latest = new QueueState(metrics.QueueDepth, metrics.Processing, queued is null ? null : time.GetUtcNow().UtcDateTime - queued.Oldest);
        return ComponentHealth.Healthy(details: new Dictionary<string, object?> { ["provider"] = db.Database.ProviderName });
    }
}

internal sealed record QueueState(long Queued, long Processing, TimeSpan? OldestQueuedAge);

/// <summary>The database probe's last reading of the queue, shared with the queue and workers probes.</summary>
internal sealed class QueueMonitor
{
    public QueueState? Latest { get; set; }
}

/// <summary>Queue depth and age, from the database probe's last reading: a queue nobody drains is degraded.</summary>
internal sealed class QueueProbe(QueueMonitor queue) : IHealthProbe
{
    public string Name => "queue";

    public Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var state = queue.Latest;
        if (state is null)
        {
            return Task.FromResult(ComponentHealth.Degraded("not sampled yet"));
        }

        var details = new Dictionary<string, object?>
        {
            ["queued"] = state.Queued,
            ["processing"] = state.Processing,
            ["oldest_queued_seconds"] = state.OldestQueuedAge is { } age ? Math.Round(age.TotalSeconds, 1) : null,
        };
        return Task.FromResult(state.OldestQueuedAge > TimeSpan.FromMinutes(5)
            ? ComponentHealth.Degraded("jobs have waited more than 5 minutes", details)
            : ComponentHealth.Healthy(details: details));
    }
}

/// <summary>This process's workers; a process without workers relies on `drape worker` processes.</summary>
internal sealed class WorkersProbe(IOptions<WorkerOptions> workers, QueueMonitor queue) : IHealthProbe
{
    public string Name => "workers";

    public Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var count = workers.Value.Count;
        var details = new Dictionary<string, object?> { ["in_process"] = count };
        return Task.FromResult(count > 0 || queue.Latest is not { OldestQueuedAge: { } age } || age < TimeSpan.FromMinutes(1)
            ? ComponentHealth.Healthy(count > 0 ? null : "no in-process workers (drape worker processes do the work)", details)
            : ComponentHealth.Degraded("no in-process workers and jobs are waiting", details));
    }
}

/// <summary>The blob store takes a write, gives it back, and deletes it.</summary>
internal sealed class StorageProbe(IBlobStore blobs) : IHealthProbe
{
    private static readonly string ProbeKey = $"{BlobKeys.TempPrefix}health/{Environment.ProcessId}.probe";

    public string Name => "storage";

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        await blobs.PutAsync(ProbeKey, "ok"u8.ToArray(), "text/plain", cancellationToken);
        await using (var read = await blobs.OpenReadAsync(ProbeKey, cancellationToken))
        {
            if (read is null || read.Length != 2)
            {
                return ComponentHealth.Unhealthy("a written probe could not be read back");
            }
        }

        // Not deleted: the next round overwrites it, and clean-up removes it with other old temp blobs once the process
        // is gone. (A delete every few seconds per node is churn for an object store, and some S3 servers race on it.)
        return ComponentHealth.Healthy(details: new Dictionary<string, object?> { ["provider"] = blobs.GetType().Name });
    }
}

/// <summary>
/// Every model of the manifest: its file (present and matching its sha256, checked once per process) and its state in
/// the model manager (not_loaded, loaded with estimated memory, or failed with the reason).
/// </summary>
internal sealed class ModelsProbe(Drape.Vision.Models.ModelManager models) : IHealthProbe
{
    public string Name => "models";

    public Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var states = models.States();
        var details = states.ToDictionary(s => s.Model, s => (object?)new Dictionary<string, object?>
        {
            ["state"] = s.State,
            ["file"] = s.File,
            ["memory_mb"] = Math.Round(s.MemoryBytes / 1048576.0, 1),
            ["load_ms"] = s.LoadMs is { } ms ? Math.Round(ms) : null,
            ["error"] = s.Error,
        });
        var bad = states.Where(s => s.File != "ok" || s.State == "failed").Select(s => s.File != "ok" ? $"{s.Model} is {s.File}" : $"{s.Model} failed to load").ToList();
        return Task.FromResult(bad.Count == 0
            ? ComponentHealth.Healthy(details: details)
            : ComponentHealth.Degraded($"{string.Join(", ", bad)}; run `drape models pull`", details));
    }
}
