using System.Globalization;
using System.Net;
using Drape.Errors;
using Drape.Server.Configuration;
using Drape.Server.Errors;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Drape.Server.Security.RateLimits;

/// <summary>Marks an endpoint as rate-limited under a policy (<see cref="RateLimitPolicies"/>).</summary>
public sealed record RateLimitMetadata(string Policy);

/// <summary><c>Drape:Http</c>: the edge in front of Drape.</summary>
public sealed class HttpEdgeOptions
{
    public const string Section = "Drape:Http";

    /// <summary>Proxies whose <c>X-Forwarded-For</c> is believed; from anyone else it is ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>
/// Seed 000's RateLimiter: token buckets per user, or per client IP for anonymous callers (who also share one
/// anonymous bucket per IP). Every limited response carries <c>X-RateLimit-Limit/Remaining/Reset</c>; a refusal is
/// 429 <c>RATE_3001</c> with <c>Retry-After</c>, and is logged.
/// </summary>
public static class RateLimiting
{
    public static RouteHandlerBuilder WithRateLimit(this RouteHandlerBuilder builder, string policy) =>
        builder.WithMetadata(new RateLimitMetadata(policy));

    public static IServiceCollection AddDrapeRateLimits(this IServiceCollection services)
    {
        services.AddDrapeOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddDrapeOptions<HttpEdgeOptions>(HttpEdgeOptions.Section);
        services.AddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
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
        return services;
    }

    /// <summary>Forwarded headers first (so the client IP is right), the limiter after authentication.</summary>
    public static WebApplication UseForwardedClientIp(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    public static WebApplication UseDrapeRateLimits(this WebApplication app)
    {
        app.Use(LimitAsync);
        return app;
    }

    private static async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitMetadata>();
        if (metadata is null)
        {
            await next(context);
            return;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var store = context.RequestServices.GetRequiredService<IRateLimitStore>();
        var user = context.User.UserId();
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var decision = await store.TryTakeAsync(user is null ? $"ip:{ip}:{metadata.Policy}" : $"user:{user}:{metadata.Policy}", options.For(metadata.Policy), context.RequestAborted);
        if (user is null && decision.Allowed)
        {
            var anonymous = await store.TryTakeAsync($"ip:{ip}:{RateLimitPolicies.Anonymous}", options.Anonymous, context.RequestAborted);
            decision = anonymous.Remaining < decision.Remaining || !anonymous.Allowed ? anonymous : decision;
        }

        // Set when the response starts, so error responses (whose headers the exception handler resets) carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = ((int)Math.Ceiling(decision.ResetAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        var retry = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Drape.RateLimits")
            .LogInformation("Rate limit {Policy} refused {Caller} on {Route}; retry after {RetryAfter} s", metadata.Policy, user is null ? $"ip {ip}" : $"user {user}", context.Request.Path.Value, retry);
        await ApiError.Create(context, ErrorCodes.RateLimited, 429, $"Too many requests; try again in {retry} s.",
            new Dictionary<string, object?> { ["policy"] = metadata.Policy, ["retry_after_seconds"] = retry }).WriteAsync(context);
    }
}
