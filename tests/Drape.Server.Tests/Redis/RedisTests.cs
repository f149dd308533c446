using System.Net;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Drape.Server.Tests.Redis;

/// <summary>
/// Against a real Redis (<c>DRAPE_TEST_REDIS</c>, which <c>scripts/test.sh</c> starts): limits shared by two API nodes,
/// HybridCache's second level, and a Redis that is down (in-memory fallback, health degraded, never a 500).
/// Without <c>DRAPE_TEST_REDIS</c> these tests have nothing to talk to and pass without checking.
/// </summary>
public sealed class RedisTests
{
    private const string Url = "/api/v1/tryon/sessions/01a20ac4-9bad-7061-b142-10a5c0d1fd43";

    private static string? Server => Environment.GetEnvironmentVariable("DRAPE_TEST_REDIS");

    /// <summary>A Redis database of its own (emptied) for one test.</summary>
    private static async Task<string> FreshDatabaseAsync(int database)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{Server},allowAdmin=true");
        await admin.GetServers()[0].FlushDatabaseAsync(database);
        return $"{Server},defaultDatabase={database}";
    }

    private static DrapeFactory Node(string redis) => new(new()
    {
        ["Drape:Workers:Count"] = "0",
        ["Drape:Redis:ConnectionString"] = redis,
        ["Drape:RateLimits:Anonymous:PermitsPerMinute"] = "20",
        ["Drape:RateLimits:Read:PermitsPerMinute"] = "1000",
    });

    [Fact]
    public async Task Two_api_nodes_share_one_limit()
    {
        if (Server is null)
        {
            return;
        }

        var redis = await FreshDatabaseAsync(5);
        using var first = Node(redis);
        using var second = Node(redis);
        var clients = new[] { first.CreateClient(), second.CreateClient() };
        var admitted = 0;
        for (var i = 0; i < 30; i++)
        {
            using var response = await clients[i % 2].GetAsync(Url);
            admitted += response.StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
        }

        // One bucket of 20 for both nodes (plus at most one token refilled while the test ran), not 20 each.
        Assert.InRange(admitted, 20, 21);
    }

    [Fact]
    public async Task The_cache_keeps_its_second_level_in_redis()
    {
        if (Server is null)
        {
            return;
        }

        var redis = await FreshDatabaseAsync(6);
        using var node = Node(redis);
        _ = node.CreateClient();
        var value = await node.Service<HybridCache>().GetOrCreateAsync("redis-test-key", _ => ValueTask.FromResult("stored in L2"));
        Assert.Equal("stored in L2", value);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var deadline = DateTime.UtcNow.AddSeconds(10); // HybridCache writes its second level in the background
        var stored = false;
        while (!stored && DateTime.UtcNow < deadline)
        {
            stored = await connection.GetDatabase().KeyExistsAsync("drape:cache:redis-test-key");
            await Task.Delay(100);
        }

        Assert.True(stored);
    }

    [Fact]
    public async Task A_redis_that_is_down_degrades_instead_of_failing()
    {
        using var node = Node("127.0.0.1:1,connectTimeout=200");
        var client = node.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(Url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // served, with this node's own limits
            Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? status = null;
        while (DateTime.UtcNow < deadline && status != "degraded")
        {
            var health = await client.GetObjectAsync("/api/v1/health");
            status = (string?)health["checks"]?["cache"]?["status"];
            await Task.Delay(250);
        }

        Assert.Equal("degraded", status);
    }
}
