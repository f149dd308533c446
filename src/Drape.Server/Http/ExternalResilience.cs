using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Drape.Server.Http;

/// <summary>
/// How one remote service's calls are protected (DESIGN.md §7). <see cref="Total"/> bounds one call with all its
/// attempts and back-off; <see cref="Attempt"/> bounds each attempt.
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt (exponential back-off with jitter, Retry-After honoured).</param>
/// <param name="RetryBaseDelay">The first retry's back-off; zero retries at once.</param>
/// <param name="BreakerFailures">Failed attempts, with no success among them, that open the circuit breaker.</param>
/// <param name="BreakerPause">How long an open breaker refuses calls before letting one trial call through.</param>
/// <param name="BreakerSamplingDuration">The window in which <see cref="BreakerFailures"/> failures must fall.</param>
public sealed record ExternalCallPolicy(
    TimeSpan Total,
    TimeSpan Attempt,
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    int BreakerFailures,
    TimeSpan BreakerPause,
    TimeSpan BreakerSamplingDuration)
{
    /// <summary>Long enough to hold several failing calls, short enough that an old success soon stops counting.</summary>
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromSeconds(60);

    /// <summary>A third of <paramref name="total"/> (at least a second), so a slow first attempt leaves room for a retry.</summary>
    public static TimeSpan AttemptFor(TimeSpan total) => TimeSpan.FromSeconds(Math.Max(1.0, total.TotalSeconds / 3.0));
}

/// <summary>
/// The one resilience pipeline for Drape's calls to other services (eBay, hosted try-on engines), outermost first:
/// total timeout, retries, circuit breaker, attempt timeout, all on the container's <see cref="TimeProvider"/>.
/// Retries cover 5xx, 408, 429, attempt timeouts and connection errors, except that a request which is not
/// idempotent (a POST that starts a paid job) is only retried when the service surely did not take it: 429, 503,
/// or no connection at all. Every attempt's failure counts towards the breaker.
/// </summary>
public static class ExternalResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, TimeProvider time, ExternalCallPolicy policy, bool withBreaker = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        builder.TimeProvider = time;

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = policy.Total });
        if (policy.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.RetryBaseDelay,
                MaxDelay = policy.Total,
                ShouldRetryAfterHeader = true,
            };
            var transient = retry.ShouldHandle;
            retry.ShouldHandle = async args => await transient(args) && (IsIdempotent(args.Context) || SurelyNotTaken(args.Outcome));
            builder.AddRetry(retry);
        }

        if (withBreaker)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = policy.BreakerFailures,
                SamplingDuration = policy.BreakerSamplingDuration,
                BreakDuration = policy.BreakerPause,
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = policy.Attempt });
    }

    private static bool IsIdempotent(ResilienceContext context)
    {
        var method = context.GetRequestMessage()?.Method;
        return method is null || method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Delete || method == HttpMethod.Options;
    }

    /// <summary>Answers and errors that mean the request never started anything on the other side.</summary>
    private static bool SurelyNotTaken(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable,
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
        _ => false,
    };
}
