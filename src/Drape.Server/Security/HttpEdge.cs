using System.Net;
using Drape.Server.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Drape.Server.Security;

/// <summary>Forwarded headers from trusted proxies only, CORS for listed origins, HSTS in production.</summary>
public static class HttpEdge
{
    public const string CorsPolicy = "drape";

    public static IServiceCollection AddHttpEdge(this IServiceCollection services)
    {
        services.AddDrapeOptions<HttpEdgeOptions>(HttpEdgeOptions.Section);
        services.AddSingleton<IValidateOptions<HttpEdgeOptions>, ProductionSafety>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpEdgeOptions>>((forwarded, edge) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in edge.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<HttpEdgeOptions>>((cors, edge) =>
            cors.AddPolicy(CorsPolicy, policy =>
            {
                var origins = edge.Value.CorsOrigins;
                if (origins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins(origins).AllowCredentials();
                }

                policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "Location");
            }));
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.ExcludedHosts.Clear(); // a proxy may reach Drape as localhost; the header only counts over HTTPS anyway
        });
        return services;
    }

    /// <summary>First in the pipeline: the client IP and scheme must be right before anything logs or limits.</summary>
    public static WebApplication UseHttpEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        app.UseCors(CorsPolicy);
        return app;
    }
}
