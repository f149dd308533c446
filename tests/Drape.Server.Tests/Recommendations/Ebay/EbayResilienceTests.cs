using Drape.Server.Features.Recommendations.Products.Ebay;
using Polly.CircuitBreaker;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary>Retries, the circuit breaker (on the fake clock) and what is left of a failure.</summary>
public sealed class EbayResilienceTests
{
    [Fact]
    public async Task A_429_is_retried_and_the_search_succeeds()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.NextSearchStatuses.Enqueue(429);
        await using var host = new EbayTestHost(ebay);

        var hits = await host.SearchAsync();

        Assert.Equal(2, hits.Count);
        Assert.Equal([429, 200], ebay.Searches.Select(s => s.Status));
    }

    [Fact]
    public async Task A_429_waits_out_its_retry_after_on_the_clock()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.NextSearchStatuses.Enqueue(429);
        ebay.RetryAfterSeconds = 4;
        await using var host = new EbayTestHost(ebay);

        var search = host.SearchAsync();
        var waited = TimeSpan.Zero;
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!search.IsCompleted && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
            if (ebay.Searches.Count == 1)
            {
                host.Time.Advance(TimeSpan.FromMilliseconds(500));
                waited += TimeSpan.FromMilliseconds(500);
            }
        }

        Assert.Equal(2, (await search).Count);
        // At least the 4 s asked for; steps taken before the retry began waiting may add a little.
        Assert.InRange(waited, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.Equal([429, 200], ebay.Searches.Select(s => s.Status));
    }

    [Fact]
    public async Task A_persistent_5xx_is_tried_three_times_then_a_source_failure()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.FailEverySearchWith = 503;
        await using var host = new EbayTestHost(ebay);

        var error = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, ebay.Searches.Count);
    }

    [Fact]
    public async Task The_breaker_opens_after_five_failed_calls_and_closes_after_the_pause()
    {
        await using var ebay = await FakeEbay.StartAsync();
        ebay.FailEverySearchWith = 500;
        await using var host = new EbayTestHost(ebay, new() { ["Drape:Ebay:BreakerPauseSeconds"] = "30" });

        // Three attempts, then two more: the fifth failure opens the breaker and the last retry is refused.
        await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());
        var opened = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());
        Assert.Equal(5, ebay.Searches.Count);
        Assert.IsAssignableFrom<BrokenCircuitException>(opened.InnerException);

        ebay.FailEverySearchWith = null;
        var refused = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());
        Assert.IsAssignableFrom<BrokenCircuitException>(refused.InnerException);
        host.Time.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());
        Assert.Equal(5, ebay.Searches.Count);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await host.SearchAsync()).Count);
        Assert.Equal(2, (await host.SearchAsync()).Count);
        Assert.Equal(7, ebay.Searches.Count);
    }

    [Fact]
    public async Task Successes_between_failures_keep_the_breaker_closed()
    {
        await using var ebay = await FakeEbay.StartAsync();
        await using var host = new EbayTestHost(ebay);

        for (var i = 0; i < 4; i++)
        {
            ebay.NextSearchStatuses.Enqueue(502);
            ebay.NextSearchStatuses.Enqueue(502);
            Assert.Equal(2, (await host.SearchAsync()).Count);
        }

        Assert.Equal(12, ebay.Searches.Count);
    }

    [Fact]
    public async Task An_unreachable_ebay_is_a_source_failure()
    {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        await using var host = new EbayTestHost(null);

        var error = await Assert.ThrowsAsync<ProductSourceException>(() => host.SearchAsync());

        Assert.IsType<HttpRequestException>(error.InnerException);
    }
}
