using Microsoft.AspNetCore.Http.HttpResults;

namespace Drape.Server.Features.Health;

/// <summary><c>GET /api/v1/health</c> (cached component checks), <c>/health/live</c>, <c>/health/ready</c>.</summary>
public static class HealthApi
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<QueueMonitor>();
        services.AddSingleton<IHealthProbe, DatabaseProbe>();
        services.AddSingleton<IHealthProbe, StorageProbe>();
        services.AddSingleton<IHealthProbe, QueueProbe>();
        services.AddSingleton<IHealthProbe, WorkersProbe>();
        services.AddSingleton<IHealthProbe, ModelsProbe>();
        services.AddSingleton<HealthSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthSampler>());
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/health", GetHealth).WithName("GetHealth").WithTags("Health").AllowAnonymous()
            .WithSummary("Overall and per-component health (database, storage, models, workers, queue), from checks cached in the background");
        app.MapGet("/health/live", Live).WithName("Live").WithTags("Health").AllowAnonymous().WithSummary("The process is up");
        app.MapGet("/health/ready", Ready).WithName("Ready").WithTags("Health").AllowAnonymous()
            .WithSummary("The process can serve: database and storage healthy")
            .Produces<HealthReport>(503);
        return app;
    }

    internal static async Task<Ok<HealthReport>> GetHealth(HealthSampler sampler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sampler.GetAsync(cancellationToken));

    internal static Ok<LiveStatus> Live() => TypedResults.Ok(new LiveStatus("alive"));

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(HealthSampler sampler, CancellationToken cancellationToken)
    {
        var report = await sampler.GetAsync(cancellationToken);
        var ready = new[] { "database", "storage" }.All(name => !report.Checks.TryGetValue(name, out var check) || check.Status != HealthStatus.Unhealthy);
        return ready ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: 503);
    }

    public sealed record LiveStatus(string Status);
}
