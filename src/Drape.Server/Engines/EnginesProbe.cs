using Drape.Server.Features.Health;

namespace Drape.Server.Engines;

/// <summary>Health check <c>engines</c>: each configured try-on engine's last outcome (ok, degraded, breaker_open).</summary>
public sealed class EnginesProbe(TryOnEngines engines, EngineHealth health) : IHealthProbe
{
    public string Name => "engines";

    public Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var states = health.Snapshot(engines.Available);
        var details = states.ToDictionary(s => s.Key, s => (object?)new Dictionary<string, object?>
        {
            ["state"] = s.Value.Status,
            ["reason"] = s.Value.Reason,
            ["default"] = s.Key == engines.Default,
        });
        var failing = states.Where(s => s.Value.Status != EngineHealth.Ok).Select(s => $"{s.Key} is {s.Value.Status}").ToList();
        return Task.FromResult(failing.Count == 0
            ? ComponentHealth.Healthy($"{states.Count} engine(s), default {engines.Default}", details)
            : ComponentHealth.Degraded(string.Join("; ", failing), details));
    }
}
