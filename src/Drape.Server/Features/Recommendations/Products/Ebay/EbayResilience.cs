using Drape.Server.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>
/// The eBay calls' policy for the shared <see cref="ExternalResilience"/> pipeline: two retries, a circuit breaker
/// (search only), a total timeout of <see cref="EbayOptions.TimeoutSeconds"/> and a third of it per attempt.
/// </summary>
internal static class EbayResilience
{
    public const int MaxRetries = 2;

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context, bool withBreaker)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<EbayOptions>>().Value;
        var total = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var policy = new ExternalCallPolicy(
            Total: total,
            Attempt: ExternalCallPolicy.AttemptFor(total),
            MaxRetries: MaxRetries,
            RetryBaseDelay: TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
            BreakerFailures: options.BreakerFailures,
            BreakerPause: TimeSpan.FromSeconds(options.BreakerPauseSeconds),
            BreakerSamplingDuration: ExternalCallPolicy.DefaultSamplingDuration);
        ExternalResilience.Configure(builder, services.GetRequiredService<TimeProvider>(), policy, withBreaker);
    }
}
