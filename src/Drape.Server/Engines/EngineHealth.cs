using System.Collections.Concurrent;

namespace Drape.Server.Engines;

/// <summary>What each try-on engine did last on this node: the health report's <c>engines</c> check reads it.</summary>
public sealed class EngineHealth(TimeProvider time)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string BreakerOpen = "breaker_open";

    public sealed record State(string Status, string? Reason, DateTimeOffset Since);

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    public void Succeeded(string engine) =>
        _states.AddOrUpdate(engine, _ => new State(Ok, null, time.GetUtcNow()), (_, before) => before.Status == Ok ? before : new State(Ok, null, time.GetUtcNow()));

    public void Failed(string engine, string reason, bool breakerOpen) =>
        _states[engine] = new State(breakerOpen ? BreakerOpen : Degraded, reason, time.GetUtcNow());

    /// <summary>Every named engine's state; one that has not run yet is <c>ok</c>.</summary>
    public IReadOnlyDictionary<string, State> Snapshot(IEnumerable<string> engines) =>
        engines.ToDictionary(e => e, e => _states.TryGetValue(e, out var state) ? state : new State(Ok, null, DateTimeOffset.MinValue), StringComparer.Ordinal);
}
