using System.Net;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Drape.Server.Tests.Security;

public sealed class RateLimitTests
{
    private const string Url = "/api/v1/tryon/sessions/01a20ac4-9bad-7061-b142-10a5c0d1fd43";

    private static DrapeFactory Limited(FakeTimeProvider time) => new(
        new()
        {
            ["Drape:Workers:Count"] = "0",
            ["Drape:Auth:JwtSecret"] = Tokens.Secret,
            ["Drape:RateLimits:Ml:PermitsPerMinute"] = "10",
            ["Drape:RateLimits:Read:PermitsPerMinute"] = "100",
            ["Drape:RateLimits:Anonymous:PermitsPerMinute"] = "20",
        },
        services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(time);
        });

    [Fact]
    public async Task The_21st_anonymous_request_in_a_minute_is_429_and_the_bucket_refills()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = Limited(time);
        var client = factory.CreateClient();
        for (var i = 1; i <= 20; i++)
        {
            using var allowed = await client.GetAsync(Url);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
            Assert.Equal((20 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), allowed.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var refused = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("RATE_3001", (string?)(await refused.ReadObjectAsync())["error_code"]);
        Assert.Equal("20", refused.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("3", refused.Headers.GetValues("Retry-After").Single()); // one token every 3 s
        Assert.True(refused.Headers.Contains("X-RateLimit-Reset"));

        time.Advance(TimeSpan.FromSeconds(3));
        using var again = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        time.Advance(TimeSpan.FromMinutes(1));
        using var full = await client.GetAsync(Url);
        Assert.Equal("19", full.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task Users_have_their_own_buckets_with_a_2x_burst()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = Limited(time);
        var alice = factory.CreateClient().As(Tokens.Create("alice"));
        for (var i = 0; i < 25; i++)
        {
            using var response = await alice.GetAsync(Url); // read: 100/min, burst 200
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var anonymous = await factory.CreateClient().GetAsync(Url);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode); // alice did not use the anonymous bucket
        using var limit = await alice.GetAsync(Url);
        Assert.Equal("200", limit.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task Unlimited_endpoints_carry_no_rate_limit_headers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = Limited(time);
        using var response = await factory.CreateClient().GetAsync("/health/live");
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }
}
