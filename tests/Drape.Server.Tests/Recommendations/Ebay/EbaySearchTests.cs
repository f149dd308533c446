using System.Globalization;
using System.Text.Json;
using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Ebay;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary>What is asked of eBay's Browse API and how its answer becomes product hits.</summary>
public sealed class EbaySearchTests
{
    [Fact]
    public async Task Items_are_mapped_in_ebay_order_and_malformed_ones_skipped()
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay);

        var hits = await host.SearchAsync(EbayTestHost.Query("linen shirt", new Budget(10m, 50m), limit: 4, category: "upper"));

        Assert.Collection(hits,
            first => Assert.Equal(
                new ProductHit("v1|110001|0", "Blue linen shirt", 24.99m, "USD", "https://i.ebayimg.com/images/g/1.jpg", "https://www.ebay.com/itm/110001",
                    "ebay", null, "upper", "linen shirt", 1.0),
                first),
            second => Assert.Equal(
                new ProductHit("v1|110004|0", "Navy chinos", 1234.5m, "USD", null, null, "ebay", null, "upper", "linen shirt", 0.9),
                second));
        var call = Assert.Single(ebay.Searches);
        Assert.Equal(("EBAY_US", "linen shirt", "11450", "4", "price:[10..50],priceCurrency:USD"), (call.Marketplace, call.Q, call.CategoryIds, call.Limit, call.Filter));
        Assert.Contains("filter=price%3A%5B10..50%5D%2CpriceCurrency%3AUSD", call.RawQuery, StringComparison.Ordinal);
        Assert.Contains("q=linen%20shirt", call.RawQuery, StringComparison.Ordinal);
        Assert.StartsWith("v^1.1#token-", call.Token, StringComparison.Ordinal);
        Assert.Empty(ebay.Problems);
    }

    [Theory]
    [InlineData("10", "50", "price:[10..50],priceCurrency:USD")]
    [InlineData("10", null, "price:[10..],priceCurrency:USD")]
    [InlineData(null, "49.5", "price:[..49.5],priceCurrency:USD")]
    [InlineData(null, null, null)]
    public async Task A_budget_becomes_a_price_filter_with_open_ends(string? min, string? max, string? filter)
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay);
        static decimal? Parse(string? value) => value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture);

        await host.SearchAsync(EbayTestHost.Query(budget: new Budget(Parse(min), Parse(max))));

        Assert.Equal(filter, Assert.Single(ebay.Searches).Filter);
    }

    [Fact]
    public async Task Marketplace_categories_and_limit_follow_the_options_and_the_limit_is_capped_at_50()
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay, new() { ["Drape:Ebay:Marketplace"] = "EBAY_GB", ["Drape:Ebay:CategoryIds"] = "260010" });

        await host.SearchAsync(EbayTestHost.Query("wool coat", budget: null, limit: 80));

        var call = Assert.Single(ebay.Searches);
        Assert.Equal(("EBAY_GB", "wool coat", "260010", "50", (string?)null), (call.Marketplace, call.Q, call.CategoryIds, call.Limit, call.Filter));
    }

    [Fact]
    public async Task No_item_summaries_is_no_hits()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.SearchBody = """{"href":"…","total":0,"limit":4,"offset":0}""";
        await using var host = new EbayTestHost(ebay);

        Assert.Empty(await host.SearchAsync());
    }

    [Theory]
    [InlineData("{\"itemSummaries\": [")]
    [InlineData("<html>Service Unavailable</html>")]
    [InlineData("[]")]
    public async Task A_body_that_is_not_the_documented_json_is_a_source_failure(string body)
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.SearchBody = body;
        await using var host = new EbayTestHost(ebay);

        var error = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());

        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.Equal("ebay", error.SourceName);
    }

    [Theory]
    [InlineData(null, FakeEbay.ClientSecret)]
    [InlineData(FakeEbay.ClientId, null)]
    [InlineData(" ", " ")]
    public async Task Without_both_credentials_the_source_is_disabled_and_calls_nobody(string? id, string? secret)
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay, new() { ["Drape:Ebay:ClientId"] = id, ["Drape:Ebay:ClientSecret"] = secret }, credentials: false);

        Assert.False(host.Source.IsEnabled);
        await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());
        Assert.Equal(0, ebay.TokenRequests);
        Assert.Empty(ebay.Searches);
    }

    [Fact]
    public async Task With_both_credentials_the_source_is_enabled_and_named_ebay()
    {
        await using var host = new EbayTestHost(null);

        Assert.True(host.Source.IsEnabled);
        Assert.Equal("ebay", host.Source.Name);
    }
}
