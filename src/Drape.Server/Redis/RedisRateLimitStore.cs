using Drape.Server.Security.RateLimits;
using StackExchange.Redis;

namespace Drape.Server.Redis;

/// <summary>
/// Token buckets in Redis, shared by every API node: one Lua script reads, refills and takes atomically, on Redis's
/// own clock (so nodes with drifting clocks agree). Buckets expire once they would be full again.
/// </summary>
public sealed class RedisRateLimitStore(RedisConnection redis) : IRateLimitStore
{
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local per_ms = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or capacity
        local at = tonumber(state[2]) or now
        tokens = math.min(capacity, tokens + (now - at) * per_ms)
        local allowed = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
        return { allowed, tostring(tokens) }
        """;

    public async ValueTask<RateLimitDecision> TryTakeAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        var perMs = policy.PermitsPerMinute / 60_000.0;
        var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(Script, [(RedisKey)$"drape:rl:{key}"],
            [policy.Capacity, perMs.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]))!;
        var allowed = (int)result[0] == 1;
        var tokens = double.Parse((string)result[1]!, System.Globalization.CultureInfo.InvariantCulture);
        var resetAfter = TimeSpan.FromMilliseconds((policy.Capacity - tokens) / perMs);
        var retryAfter = allowed ? TimeSpan.Zero : TimeSpan.FromMilliseconds((1 - tokens) / perMs);
        return new RateLimitDecision(allowed, (int)policy.Capacity, (int)Math.Floor(tokens), resetAfter, retryAfter);
    }
}
