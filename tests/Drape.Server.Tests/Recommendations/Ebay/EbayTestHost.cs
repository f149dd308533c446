using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Ebay;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary>A bare container with the eBay source pointed at a <see cref="FakeEbay"/>, on a <see cref="FakeTimeProvider"/>.</summary>
public sealed class EbayTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public EbayTestHost(FakeEbay? ebay, Dictionary<string, string?>? settings = null, bool credentials = true)
    {
        var all = new Dictionary<string, string?>
        {
            ["Drape:Ebay:BaseUrl"] = ebay?.BaseUrl ?? "http://127.0.0.1:9",
            // The pipeline waits on the fake clock, which only moves when a test moves it.
            ["Drape:Ebay:RetryBaseDelayMs"] = "0",
        };
        if (credentials)
        {
            all["Drape:Ebay:ClientId"] = FakeEbay.ClientId;
            all["Drape:Ebay:ClientSecret"] = FakeEbay.ClientSecret;
        }

        var configuration = TestConfiguration.Build(all, settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddEbayProductSearch();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new();

    public IServiceProvider Services => _services;

    public IProductSearch Source => _services.GetServices<IProductSearch>().Single(s => s.Name == "ebay");

    public static ProductQuery Query(string keyword = "linen shirt", Budget? budget = null, int limit = 4, string? category = "upper") =>
        new(keyword, category, budget, limit);

    public Task<IReadOnlyList<ProductHit>> SearchAsync(ProductQuery? query = null) => Source.SearchAsync(query ?? Query(), CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
