using System.Globalization;
using Drape.Errors;
using Drape.Server.Configuration;
using Drape.Server.Errors;
using Microsoft.Extensions.Options;

namespace Drape.Server.Security.RateLimits;

/// <summary>Marks an endpoint as rate-limited under a policy (<see cref="RateLimitPolicies"/>).</summary>
public sealed record RateLimitMetadata(string Policy);

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
        services.AddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
        return services;
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
