using Drape.Server.Security.RateLimits;
using StackExchange.Redis;

namespace Drape.Server.Redis;

/// <summary>
/// Redis buckets while Redis answers; this node's own in-memory buckets (with one warning, and health
/// <c>degraded</c>) while it does not — never a 500 because the limiter's store is down.
/// </summary>
public sealed class FallbackRateLimitStore(RedisRateLimitStore redis, InMemoryRateLimitStore local, RedisStatus status, ILogger<FallbackRateLimitStore> logger) : IRateLimitStore
{
    public async ValueTask<RateLimitDecision> TryTakeAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await redis.TryTakeAsync(key, policy, cancellationToken);
            if (status.MarkUp())
            {
                logger.LogInformation("Redis answers again: rate limits are shared by all nodes");
            }

            return decision;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or TimeoutException or ObjectDisposedException)
        {
            if (status.MarkDown(e.Message))
            {
                logger.LogWarning(e, "Redis is unreachable: rate limits fall back to this node's memory until it answers");
            }

            return await local.TryTakeAsync(key, policy, cancellationToken);
        }
    }
}

/// <summary>Whether Redis answered last time, for the limiter's warnings and the health check.</summary>
public sealed class RedisStatus
{
    private int _down;

    public string? LastError { get; private set; }

    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>True when this call changed the state (so it is logged once).</summary>
    public bool MarkDown(string error)
    {
        LastError = error;
        return Interlocked.Exchange(ref _down, 1) == 0;
    }

    public bool MarkUp() => Interlocked.Exchange(ref _down, 0) == 1;
}
