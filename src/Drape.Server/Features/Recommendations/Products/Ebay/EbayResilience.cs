using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>
/// The eBay calls' pipeline, outermost first: total timeout, two retries (exponential back-off with jitter, Retry-After
/// honoured) on 5xx, 408, 429, attempt timeouts and connection errors, a circuit breaker (search only), an attempt timeout.
/// Every strategy runs on the container's <see cref="TimeProvider"/>.
/// </summary>
internal static class EbayResilience
{
    public const int MaxRetries = 2;

    /// <summary>
    /// The breaker opens when <see cref="EbayOptions.BreakerFailures"/> attempts failed and none succeeded within this
    /// window; long enough to hold that many failing searches, short enough that an old success soon stops counting.
    /// </summary>
    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(60);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context, bool withBreaker)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<EbayOptions>>().Value;
        builder.TimeProvider = services.GetRequiredService<TimeProvider>();

        var total = TimeSpan.FromSeconds(options.TimeoutSeconds);
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = total });
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
            MaxDelay = total,
            ShouldRetryAfterHeader = true,
        });
        if (withBreaker)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = options.BreakerFailures,
                SamplingDuration = BreakerSamplingDuration,
                BreakDuration = TimeSpan.FromSeconds(options.BreakerPauseSeconds),
            });
        }

        // A third of the total, so a slow first attempt still leaves room for a retry.
        var attempt = TimeSpan.FromSeconds(Math.Max(1.0, options.TimeoutSeconds / 3.0));
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = attempt });
    }
}
