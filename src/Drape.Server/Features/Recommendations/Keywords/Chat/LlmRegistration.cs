using System.ClientModel;
using System.ClientModel.Primitives;
using Drape.Server.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;

namespace Drape.Server.Features.Recommendations.Keywords.Chat;

public static class LlmRegistration
{
    public const string ClientName = "llm";

    /// <summary>
    /// The LLM keyword source: an <see cref="IChatClient"/> (OpenAI SDK over an <see cref="HttpClient"/> from the factory)
    /// behind a resilience handler — total timeout, one retry of transient failures, and a circuit breaker that opens after
    /// <c>BreakerFailures</c> failed calls and lets one through after <c>BreakerPauseSeconds</c>, on the app's clock.
    /// </summary>
    public static IServiceCollection AddLlmKeywords(this IServiceCollection services)
    {
        services.AddDrapeOptions<LlmOptions>(LlmOptions.Section);
        services.AddHttpClient(ClientName, (sp, http) => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(ClientName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
                pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Exponential, UseJitter = true });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 1.0,
                    MinimumThroughput = options.BreakerFailures,
                    SamplingDuration = TimeSpan.FromMinutes(1),
                    BreakDuration = TimeSpan.FromSeconds(options.BreakerPauseSeconds),
                });
            });
        services.AddKeyedSingleton<IChatClient>(ClientName, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
            var client = new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.BaseUrl ?? "http://127.0.0.1:9/v1"),
                    Transport = new HttpClientPipelineTransport(http),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // the resilience handler retries
                    NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5),
                });
            return client.GetChatClient(options.Model ?? "none").AsIChatClient();
        });
        services.AddSingleton<IKeywordSource, LlmKeywordSource>();
        return services;
    }
}
