using System.Net;
using Drape.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Drape.Server.Tests.Security;

/// <summary>Cookie sessions and CSRF, through a client that keeps cookies like a browser (over https).</summary>
public sealed class BrowserSessionTests(BrowserSessionTests.Factory factory) : IClassFixture<BrowserSessionTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Workers:Count"] = "0", ["Drape:Auth:JwtSecret"] = Tokens.Secret });

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true });

    private async Task<HttpClient> LoggedInAsync(string user)
    {
        var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/session");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Tokens.Create(user));
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("drape_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        return browser;
    }

    [Fact]
    public async Task A_cookie_request_without_a_csrf_token_is_403()
    {
        var browser = await LoggedInAsync("dora");
        using var response = await browser.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AUTH_1004", (string?)(await response.ReadObjectAsync())["error_code"]);
    }

    [Fact]
    public async Task A_cookie_request_with_the_csrf_token_is_accepted_and_owned_by_the_user()
    {
        var browser = await LoggedInAsync("erin");
        var csrf = await browser.GetObjectAsync("/api/v1/auth/csrf");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tryon/sessions") { Content = Fixtures.TryOnForm() };
        request.Headers.Add("X-CSRF-Token", (string)csrf["token"]!);
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.ReadObjectAsync())["id"]!;

        using var mine = await browser.GetAsync($"/api/v1/tryon/sessions/{id}"); // reads need no CSRF token
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using var stranger = await Browser().GetAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task Bearer_requests_need_no_csrf_token()
    {
        using var response = await factory.CreateClient().As(Tokens.Create("fred")).PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Logging_out_removes_the_cookie()
    {
        var browser = await LoggedInAsync("gina");
        using var logout = await browser.DeleteAsync("/api/v1/auth/session");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await browser.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode); // anonymous again (optional mode), so no CSRF needed
        var id = (string)(await after.ReadObjectAsync())["id"]!;
        using var anyone = await Browser().GetAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, anyone.StatusCode);
    }

    [Fact]
    public async Task Exchanging_needs_a_bearer_token()
    {
        using var response = await Browser().PostAsync("/api/v1/auth/session", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_1003", (string?)(await response.ReadObjectAsync())["error_code"]);
    }
}
