using Drape.Server.Features.Recommendations.Products.Ebay;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary>OAuth client-credentials tokens: requested as eBay documents, cached by the clock, refreshed on 401.</summary>
public sealed class EbayTokenTests
{
    [Fact]
    public async Task A_token_is_reused_until_a_minute_before_it_expires_then_refreshed()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.ExpiresIn = 7200;
        await using var host = new EbayTestHost(ebay);

        await host.SearchAsync();
        await host.SearchAsync();
        host.Time.Advance(TimeSpan.FromSeconds(7200 - 61));
        await host.SearchAsync();
        Assert.Equal(1, ebay.TokenRequests);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        await host.SearchAsync();

        Assert.Equal(2, ebay.TokenRequests);
        Assert.Equal(["v^1.1#token-1", "v^1.1#token-1", "v^1.1#token-1", "v^1.1#token-2"], ebay.Searches.Select(s => s.Token));
        Assert.Empty(ebay.Problems);
    }

    [Fact]
    public async Task Concurrent_searches_with_no_token_share_one_token_request()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.TokenDelay = TimeSpan.FromMilliseconds(200);
        await using var host = new EbayTestHost(ebay);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.SearchAsync()));

        Assert.Equal(1, ebay.TokenRequests);
        Assert.Equal(8, ebay.Searches.Count);
    }

    [Fact]
    public async Task A_401_from_search_gets_a_fresh_token_and_retries_once()
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay);
        await host.SearchAsync();
        ebay.RevokeTokens();

        var hits = await host.SearchAsync();

        Assert.Equal(2, hits.Count);
        Assert.Equal(2, ebay.TokenRequests);
        Assert.Equal([("v^1.1#token-1", 200), ("v^1.1#token-1", 401), ("v^1.1#token-2", 200)], ebay.Searches.Select(s => (s.Token, s.Status)));
    }

    [Fact]
    public async Task A_second_401_is_a_source_failure_without_more_attempts()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.RejectEveryToken = true;
        await using var host = new EbayTestHost(ebay);

        var error = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(2, ebay.Searches.Count);
        Assert.Equal(2, ebay.TokenRequests);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_source_failure_that_names_the_settings()
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay, new() { ["Drape:Ebay:ClientSecret"] = "not-the-secret" });

        var error = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("Drape:Ebay:ClientId", error.Message, StringComparison.Ordinal);
        Assert.Empty(ebay.Searches);
    }
}
