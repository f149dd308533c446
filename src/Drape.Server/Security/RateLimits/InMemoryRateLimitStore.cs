using System.Collections.Concurrent;

namespace Drape.Server.Security.RateLimits;

/// <summary>Token buckets in this process's memory, refilled continuously by the <see cref="TimeProvider"/> clock.</summary>
public sealed class InMemoryRateLimitStore(TimeProvider time) : IRateLimitStore
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset At { get; set; } = at;
    }

    public ValueTask<RateLimitDecision> TryTakeAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var perSecond = policy.PermitsPerMinute / 60.0;
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(policy.Capacity, now));
        lock (bucket)
        {
            bucket.Tokens = Math.Min(policy.Capacity, bucket.Tokens + ((now - bucket.At).TotalSeconds * perSecond));
            bucket.At = now;
            var allowed = bucket.Tokens >= 1;
            if (allowed)
            {
                bucket.Tokens -= 1;
            }

            var resetAfter = TimeSpan.FromSeconds((policy.Capacity - bucket.Tokens) / perSecond);
            var retryAfter = allowed ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - bucket.Tokens) / perSecond);
            return ValueTask.FromResult(new RateLimitDecision(allowed, (int)policy.Capacity, (int)Math.Floor(bucket.Tokens), resetAfter, retryAfter));
        }
    }
}
