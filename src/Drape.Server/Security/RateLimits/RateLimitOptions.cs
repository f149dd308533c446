using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Security.RateLimits;

/// <summary>
/// <c>Drape:RateLimits:&lt;Policy&gt;</c>: token buckets refilled at <see cref="RateLimitPolicy.PermitsPerMinute"/>,
/// holding at most PermitsPerMinute × <see cref="RateLimitPolicy.Burst"/>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Drape:RateLimits";

    /// <summary>Endpoints that run models (try-on): per user, or per IP when anonymous.</summary>
    [Required]
    public RateLimitPolicy Ml { get; set; } = new() { PermitsPerMinute = 10, Burst = 2 };

    /// <summary>Reads (session status, batches, events).</summary>
    [Required]
    public RateLimitPolicy Read { get; set; } = new() { PermitsPerMinute = 100, Burst = 2 };

    /// <summary>Every rate-limited call of an anonymous caller, per IP, on top of the endpoint's own policy; no burst, so the 21st call in a minute waits.</summary>
    [Required]
    public RateLimitPolicy Anonymous { get; set; } = new() { PermitsPerMinute = 20, Burst = 1 };

    public RateLimitPolicy For(string policy) => policy switch
    {
        RateLimitPolicies.Ml => Ml,
        RateLimitPolicies.Read => Read,
        _ => Anonymous,
    };
}

public sealed class RateLimitPolicy
{
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; }

    [Range(1.0, 100.0)]
    public double Burst { get; set; } = 2;

    public double Capacity => PermitsPerMinute * Burst;
}

public static class RateLimitPolicies
{
    public const string Ml = "ml";
    public const string Read = "read";
    public const string Anonymous = "anonymous";
}
