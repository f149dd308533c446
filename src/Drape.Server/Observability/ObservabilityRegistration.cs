using OpenTelemetry.Metrics;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Drape.Server.Observability;

public static class ObservabilityRegistration
{
    /// <summary>Serilog compact JSON to stdout (DESIGN.md §9) and OpenTelemetry metrics for Prometheus.</summary>
    public static IServiceCollection AddDrapeObservability(this IServiceCollection services)
    {
        services.AddSerilog((sp, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
            .Enrich.FromLogContext()
            .Enrich.With(new SecretMasking(KnownSecrets(sp.GetRequiredService<IConfiguration>())))
            .WriteTo.Console(new RenderedCompactJsonFormatter()));

        services.AddSingleton<DrapeMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(DrapeMetrics.MeterName)
            .AddMeter(Drape.Vision.Models.ModelMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    private static IEnumerable<string?> KnownSecrets(IConfiguration configuration) =>
    [
        configuration["Drape:Auth:JwtSecret"],
        configuration["Drape:Files:SigningKey"],
        configuration["Drape:Webhooks:Secret"],
    ];

    public static WebApplication UseDrapeRequestLogging(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("route", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
                diagnostics.Set("status", http.Response.StatusCode);
            };
            options.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
        });
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
