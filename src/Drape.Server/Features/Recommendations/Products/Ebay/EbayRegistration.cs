using Drape.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>Registers the eBay product source (<c>Drape:Ebay</c>).</summary>
public static class EbayRegistration
{
    /// <summary>
    /// Binds and validates <see cref="EbayOptions"/>, registers the token cache, the typed <see cref="HttpClient"/>s with
    /// their resilience pipelines and <see cref="EbayProductSearch"/> as an <see cref="IProductSearch"/> (disabled
    /// until both credentials are set). Needs <see cref="IConfiguration"/> in the container.
    /// </summary>
    public static IServiceCollection AddEbayProductSearch(this IServiceCollection services)
    {
        // Once only: a second call would list eBay twice among the product sources.
        if (services.Any(d => d.ServiceType == typeof(EbayTokenProvider)))
        {
            return services;
        }

        services.AddDrapeOptions<EbayOptions>(EbayOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EbayTokenProvider>();

        services.AddHttpClient(EbayTokenProvider.ClientName, ConfigureClient)
            .AddResilienceHandler("ebay-auth", (builder, context) => EbayResilience.Configure(builder, context, withBreaker: false));

        // Typed clients are transient; the pipeline (and so the breaker's state) is shared by every instance.
        services.AddHttpClient<EbayProductSearch>(EbayProductSearch.ClientName, ConfigureClient)
            .AddResilienceHandler("ebay", (builder, context) => EbayResilience.Configure(builder, context, withBreaker: true));
        services.AddTransient<IProductSearch>(sp => sp.GetRequiredService<EbayProductSearch>());
        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        // The pipeline's total timeout rules; this is only a backstop on the real clock.
        var options = services.GetRequiredService<IOptions<EbayOptions>>().Value;
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Drape/1.0");
    }
}
