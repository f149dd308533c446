namespace Drape.Server.Features.Health;

public static class HealthStatus
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

    public static int Rank(string status) => status switch { Unhealthy => 2, Degraded => 1, _ => 0 };
}

/// <summary>One component's state (seed ComponentHealth).</summary>
public sealed record ComponentHealth(string Status, string? Message = null, IReadOnlyDictionary<string, object?>? Details = null)
{
    public static ComponentHealth Healthy(string? message = null, IReadOnlyDictionary<string, object?>? details = null) => new(HealthStatus.Healthy, message, details);

    public static ComponentHealth Degraded(string message, IReadOnlyDictionary<string, object?>? details = null) => new(HealthStatus.Degraded, message, details);

    public static ComponentHealth Unhealthy(string message, IReadOnlyDictionary<string, object?>? details = null) => new(HealthStatus.Unhealthy, message, details);
}

/// <summary>The body of <c>GET /api/v1/health</c>: the worst component decides the overall status.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, ComponentHealth> Checks, DateTimeOffset Timestamp, double CheckedMsAgo)
{
    public static string Overall(IEnumerable<ComponentHealth> checks) =>
        checks.Select(c => c.Status).DefaultIfEmpty(HealthStatus.Healthy).MaxBy(HealthStatus.Rank)!;
}

/// <summary>A component check. Probes run in the background sampler, never on the request path.</summary>
public interface IHealthProbe
{
    string Name { get; }

    Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken);
}
