using System.ComponentModel.DataAnnotations;
using Drape.Server.Http;

namespace Drape.Server.Engines.Hosted;

/// <summary>What every hosted try-on engine's section (<c>Drape:Engines:Fal</c>, <c>…:Replicate</c>, <c>…:Fashn</c>) shares.</summary>
public abstract class HostedEngineOptions
{
    /// <summary>The provider's API root (validated on each section's override).</summary>
    public abstract string BaseUrl { get; set; }

    /// <summary>How often a running job's status is asked for.</summary>
    [Range(10, 60_000)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>The most one try-on may take, from submission to the downloaded result; past it the job is cancelled upstream.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>The most one HTTP call (all its attempts and back-off) may take.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a failed call (only 429, 503 and connection failures for a submission, so a job is never paid twice).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry's back-off (then doubled, with jitter; a Retry-After answer is honoured); 0 retries at once.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>Failed calls in a row (no success between them) that open the circuit breaker.</summary>
    [Range(2, 1000)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker refuses calls at once, before one trial call.</summary>
    [Range(1, 3600)]
    public int BreakerPauseSeconds { get; set; } = 30;

    /// <summary>The photos are sent at most this many pixels on their long side (JPEG).</summary>
    [Range(256, 4096)]
    public int MaxImageSide { get; set; } = 1024;

    /// <summary>JPEG quality of the photos sent.</summary>
    [Range(50, 100)]
    public int JpegQuality { get; set; } = 90;

    /// <summary>The largest result image accepted from the provider.</summary>
    [Range(1, 200)]
    public int MaxResultMegabytes { get; set; } = 32;

    /// <summary>True when the credential is set; the engine is registered only then.</summary>
    public abstract bool IsConfigured { get; }

    /// <summary>The credential, for the Authorization header only; never logged or shown.</summary>
    internal abstract string Credential { get; }

    internal Uri Root => new(BaseUrl.TrimEnd('/') + "/", UriKind.Absolute);

    internal ExternalCallPolicy CallPolicy()
    {
        var total = TimeSpan.FromSeconds(RequestTimeoutSeconds);
        return new ExternalCallPolicy(total, ExternalCallPolicy.AttemptFor(total), MaxRetries, TimeSpan.FromMilliseconds(RetryBaseDelayMs),
            BreakerFailures, TimeSpan.FromSeconds(BreakerPauseSeconds), ExternalCallPolicy.DefaultSamplingDuration);
    }
}
