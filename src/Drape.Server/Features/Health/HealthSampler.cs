using System.Diagnostics;

namespace Drape.Server.Features.Health;

/// <summary>
/// Runs every probe every few seconds and keeps the last results, so <c>/api/v1/health</c> answers from memory
/// (well under 100 ms) however slow a component is. A probe that throws or hangs reports <c>unhealthy</c>.
/// </summary>
public sealed class HealthSampler(IEnumerable<IHealthProbe> probes, TimeProvider time, ILogger<HealthSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private volatile Snapshot? _last;

    private sealed record Snapshot(IReadOnlyDictionary<string, ComponentHealth> Checks, DateTimeOffset At);

    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _last ?? await SampleAsync(cancellationToken); // only before the first sample completes
        var checks = snapshot.Checks;
        return new HealthReport(HealthReport.Overall(checks.Values), checks, snapshot.At, (time.GetUtcNow() - snapshot.At).TotalMilliseconds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<Snapshot> SampleAsync(CancellationToken cancellationToken)
    {
        // The database probe reads the queue that the queue and workers probes judge: it runs first, the rest together.
        var database = probes.Where(p => p.Name == "database").ToList();
        var first = await Task.WhenAll(database.Select(p => RunAsync(p, cancellationToken)));
        var rest = await Task.WhenAll(probes.Except(database).Select(p => RunAsync(p, cancellationToken)));
        var results = first.Concat(rest).ToArray();
        var snapshot = new Snapshot(results.ToDictionary(r => r.Name, r => r.Health), time.GetUtcNow());
        var previous = _last;
        _last = snapshot;
        foreach (var (name, health) in snapshot.Checks)
        {
            if (previous is null || !previous.Checks.TryGetValue(name, out var before) || before.Status != health.Status)
            {
                logger.Log(health.Status == HealthStatus.Healthy ? LogLevel.Information : LogLevel.Warning, "Health of {Component} is {Status}: {Message}", name, health.Status, health.Message);
            }
        }

        return snapshot;
    }

    private static async Task<(string Name, ComponentHealth Health)> RunAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var health = await probe.CheckAsync(timeout.Token);
            return (probe.Name, health);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return (probe.Name, ComponentHealth.Unhealthy(e is OperationCanceledException ? $"no answer within {elapsed:0} ms" : $"check failed: {e.GetType().Name}"));
        }
    }
}
