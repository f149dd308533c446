using Drape.Server.Configuration;
using Drape.Server.Http;
using Drape.Vision.Models;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;

namespace Drape.Server.Engines.Oip;

public static class OipRegistration
{
    /// <summary>
    /// With <c>Drape:Engines:Oip:BaseUrl</c> set: the <see cref="OipClient"/> (timeout, retries with jitter, circuit
    /// breaker), the remote perception models named in <c>Drape:Engines:Oip:Models</c>, and, when <c>Models:TryOn</c> is
    /// set too, the <c>oip</c> try-on engine. Without a BaseUrl it registers nothing but the options' validation.
    /// </summary>
    public static IServiceCollection AddOipEngines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDrapeOptions<OipOptions>(OipOptions.Section);
        var options = configuration.GetSection(OipOptions.Section).Get<OipOptions>() ?? new OipOptions();
        if (string.IsNullOrWhiteSpace(options.BaseUrl) || services.Any(d => d.ServiceType == typeof(OipClient)))
        {
            return services;
        }

        // Singletons hold the typed client: connections are recycled by the handler, not by the factory.
        services.AddHttpClient<OipClient>(OipClient.ClientName, ConfigureClient)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("oip", (builder, context) =>
            {
                var oip = context.ServiceProvider.GetRequiredService<IOptions<OipOptions>>().Value;
                var policy = new ExternalCallPolicy(
                    Total: TimeSpan.FromSeconds(oip.TimeoutSeconds),
                    Attempt: oip.AttemptTimeout,
                    MaxRetries: oip.MaxRetries,
                    RetryBaseDelay: TimeSpan.FromMilliseconds(oip.RetryBaseDelayMs),
                    BreakerFailures: oip.BreakerFailures,
                    BreakerPause: TimeSpan.FromSeconds(oip.BreakerPauseSeconds),
                    BreakerSamplingDuration: ExternalCallPolicy.DefaultSamplingDuration);
                ExternalResilience.Configure(builder, context.ServiceProvider.GetRequiredService<TimeProvider>(), policy);
            });
        services.AddSingleton<IRemoteModels, OipRemoteModels>();
        if (!string.IsNullOrWhiteSpace(options.Models.TryOn))
        {
            services.AddKeyedSingleton<ITryOnEngine, OipTryOnEngine>(OipTryOnEngine.EngineName);
        }

        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        // The pipeline's total timeout rules; this is only a backstop on the real clock.
        var options = services.GetRequiredService<IOptions<OipOptions>>().Value;
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Drape/1.0");
    }
}
