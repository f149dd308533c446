using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Ebay;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary>The registration inside the real server's container: one eBay source beside the catalogue, configured from <c>Drape:Ebay</c>.</summary>
public sealed class EbayInAppTests
{
    [Fact]
    public async Task The_server_lists_ebay_once_beside_the_catalogue_and_it_searches_the_configured_api()
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var factory = new DrapeFactory(
            new()
            {
                ["Drape:Ebay:ClientId"] = FakeEbay.ClientId,
                ["Drape:Ebay:ClientSecret"] = FakeEbay.ClientSecret,
                ["Drape:Ebay:BaseUrl"] = ebay.BaseUrl,
            },
            services => services.AddEbayProductSearch().AddEbayProductSearch());

        await using var scope = factory.Services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetServices<IProductSearch>().ToList();
        var source = Assert.Single(sources, s => s.Name == "ebay");
        Assert.Contains(sources, s => s.Name == "catalog");
        Assert.True(source.IsEnabled);

        var hits = await source.SearchAsync(new ProductQuery("linen shirt", null, null, 4), CancellationToken.None);

        Assert.Equal(2, hits.Count);
        Assert.Equal(1, ebay.TokenRequests);
        Assert.Empty(ebay.Problems);
    }
}
