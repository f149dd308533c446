using System.Net;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Security;

public sealed class HygieneAndTokenTests
{
    [Fact]
    public async Task Responses_carry_security_headers_and_html_a_csp()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        var client = factory.CreateClient();
        using var json = await client.GetAsync("/health/live");
        Assert.Equal("nosniff", json.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", json.Headers.GetValues("Referrer-Policy").Single());
        using var html = await client.GetAsync("/docs/");
        Assert.Contains("default-src 'self'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_json_is_compressed()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
    }

    [Fact]
    public async Task A_token_from_drape_token_create_is_accepted_by_the_server()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        using var command = new DrapeProcess("token", "create", "--user", "self-hoster", "--admin", "--ttl", "2h", $"--Drape:DataDir={factory.DataDir}");
        Assert.Equal(0, await command.WaitForExitAsync());
        var token = command.Output.Trim().Split('\n').Last().Trim();
        Assert.Equal(3, token.Split('.').Length);

        using var created = await factory.CreateClient().As(token).PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        using var anonymous = await factory.CreateClient().GetAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode); // the session belongs to self-hoster
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("12h", 720)]
    [InlineData("7d", 10080)]
    public void Ttls_parse(string text, int minutes)
    {
        Assert.True(Drape.Server.Security.TokenCommand.TryParseTtl(text, out var ttl));
        Assert.Equal(minutes, ttl.TotalMinutes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("-1h")]
    [InlineData("10x")]
    public void Bad_ttls_are_refused(string text) => Assert.False(Drape.Server.Security.TokenCommand.TryParseTtl(text, out _));
}
