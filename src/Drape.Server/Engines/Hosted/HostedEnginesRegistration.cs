using Drape.Server.Configuration;
using Drape.Server.Http;
using Drape.Vision.TryOn;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Drape.Server.Engines.Hosted;

/// <summary>Registers the hosted try-on engines (<c>fal</c>, <c>replicate</c>, <c>fashn</c>), each only when its key is configured.</summary>
public static class HostedEnginesRegistration
{
    /// <summary>
    /// For each provider whose key/token is set: its options (validated at start), a named <see cref="HttpClient"/>
    /// with its own resilience pipeline (<see cref="ExternalResilience"/>: total timeout, retries with jitter honouring
    /// Retry-After, a circuit breaker after <see cref="HostedEngineOptions.BreakerFailures"/> failures, an attempt
    /// timeout; logged headers redacted) and the engine as a keyed <see cref="ITryOnEngine"/> singleton under its name.
    /// </summary>
    public static IServiceCollection AddHostedTryOnEngines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        Add<FalOptions, FalTryOnEngine>(services, configuration, FalOptions.Section, "ApiKey", FalTryOnEngine.EngineName);
        Add<ReplicateOptions, ReplicateTryOnEngine>(services, configuration, ReplicateOptions.Section, "ApiToken", ReplicateTryOnEngine.EngineName);
        Add<FashnOptions, FashnTryOnEngine>(services, configuration, FashnOptions.Section, "ApiKey", FashnTryOnEngine.EngineName);
        return services;
    }

    private static void Add<TOptions, TEngine>(IServiceCollection services, IConfiguration configuration, string section, string credentialKey, string name)
        where TOptions : HostedEngineOptions
        where TEngine : class, ITryOnEngine
    {
        if (string.IsNullOrWhiteSpace(configuration.GetSection(section)[credentialKey]))
        {
            return;
        }

        // Once only: a second call would add a second pipeline to the same client.
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, name) && d.ServiceType == typeof(ITryOnEngine)))
        {
            return;
        }

        services.AddDrapeOptions<TOptions>(section);
        services.AddHttpClient(name, (sp, client) =>
            {
                // The pipeline's timeouts rule; this is only a backstop on the real clock.
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TOptions>>().Value.RequestTimeoutSeconds + 5);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Drape/1.0");
            })
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler(name, (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
                ExternalResilience.Configure(builder, context.ServiceProvider.GetRequiredService<TimeProvider>(), options.CallPolicy());
            });
        services.AddKeyedSingleton<ITryOnEngine, TEngine>(name);
    }
}
