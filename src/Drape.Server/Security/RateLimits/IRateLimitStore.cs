namespace Drape.Server.Security.RateLimits;

/// <summary>
/// Where token buckets live. In memory (one node) by default; a Redis implementation (atomic Lua, shared by all
/// nodes) plugs in here with the scale-out work.
/// </summary>
public interface IRateLimitStore
{
    ValueTask<RateLimitDecision> TryTakeAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken);
}

/// <param name="Remaining">Whole tokens left after this call.</param>
/// <param name="ResetAfter">Until the bucket is full again.</param>
/// <param name="RetryAfter">Until the next token, when refused.</param>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter);
