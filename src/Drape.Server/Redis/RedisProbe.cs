using Drape.Server.Features.Health;
using StackExchange.Redis;

namespace Drape.Server.Redis;

/// <summary>Redis answers a PING (healthy), or does not (degraded: limits and cache fall back to this node, nothing fails).</summary>
internal sealed class RedisProbe(RedisConnection redis, RedisStatus status) : IHealthProbe
{
    public string Name => "cache";

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latency = await redis.Database.PingAsync();
            status.MarkUp();
            return ComponentHealth.Healthy(details: new Dictionary<string, object?> { ["provider"] = "redis", ["ping_ms"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or TimeoutException)
        {
            status.MarkDown(e.Message);
            return ComponentHealth.Degraded("Redis is unreachable: rate limits and the cache use this node's memory", new Dictionary<string, object?> { ["provider"] = "redis" });
        }
    }
}
