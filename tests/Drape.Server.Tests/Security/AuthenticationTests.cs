using System.Net;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Security;

public sealed class AuthenticationTests(AuthenticationTests.Factory factory) : IClassFixture<AuthenticationTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new()
    {
        ["Drape:Workers:Count"] = "0",
        ["Drape:Auth:JwtSecret"] = Tokens.Secret,
        ["Drape:Auth:Issuer"] = "https://id.example.com",
        ["Drape:Auth:Audience"] = "authenticated",
    });

    private const string Url = "/api/v1/tryon/sessions/01a20ac4-9bad-7061-b142-10a5c0d1fd43";

    public static TheoryData<string, string?, HttpStatusCode, string> Matrix()
    {
        const string iss = "https://id.example.com";
        const string aud = "authenticated";
        var now = DateTime.UtcNow;
        return new TheoryData<string, string?, HttpStatusCode, string>
        {
            { "none (anonymous is allowed in optional mode)", null, HttpStatusCode.NotFound, "RES_6001" },
            { "garbage", "not.a.token", HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "alg none", Tokens.Unsigned("alice"), HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "wrong key", Tokens.Create("alice", secret: "another-secret-of-enough-length-0123456789", issuer: iss, audience: aud), HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "wrong issuer", Tokens.Create("alice", issuer: "https://evil.example.com", audience: aud), HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "wrong audience", Tokens.Create("alice", issuer: iss, audience: "someone-else"), HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "expired", Tokens.Create("alice", issuer: iss, audience: aud, notBefore: now.AddHours(-2), expires: now.AddMinutes(-5)), HttpStatusCode.Unauthorized, "AUTH_1002" },
            { "not yet valid", Tokens.Create("alice", issuer: iss, audience: aud, notBefore: now.AddMinutes(10), expires: now.AddHours(1)), HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "tampered payload", Tokens.Tampered("alice"), HttpStatusCode.Unauthorized, "AUTH_1001" },
            { "valid (then the session is simply not there)", Tokens.Create("alice", issuer: iss, audience: aud), HttpStatusCode.NotFound, "RES_6001" },
        };
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_kind_of_token_gets_its_status_and_code(string kind, string? token, HttpStatusCode status, string code)
    {
        using var response = await factory.CreateClient().As(token).GetAsync(Url);
        var body = await response.ReadObjectAsync();
        Assert.True(status == response.StatusCode, $"{kind}: {response.StatusCode}");
        Assert.Equal(code, (string?)body["error_code"]);
        if (token is not null)
        {
            Assert.DoesNotContain(token, body.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Public_endpoints_ignore_tokens()
    {
        using var response = await factory.CreateClient().As("garbage").GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class RequiredModeTests(RequiredModeTests.Factory factory) : IClassFixture<RequiredModeTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new()
    {
        ["Drape:Workers:Count"] = "0",
        ["Drape:Auth:Mode"] = "required",
        ["Drape:Auth:JwtSecret"] = Tokens.Secret,
    });

    [Fact]
    public async Task Without_a_token_the_api_is_401_AUTH_1003_but_health_docs_and_files_stay_open()
    {
        var client = factory.CreateClient();
        var before = factory.BlobFiles().Count;
        using var create = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal("AUTH_1003", (string?)(await create.ReadObjectAsync())["error_code"]);
        Assert.Equal(before, factory.BlobFiles().Count);

        foreach (var open in new[] { "/health/live", "/api/v1/health", "/openapi/v1.json", "/metrics" })
        {
            using var response = await client.GetAsync(open);
            Assert.True(response.IsSuccessStatusCode, open);
        }
    }

    [Fact]
    public async Task With_a_token_the_api_works()
    {
        using var create = await factory.CreateClient().As(Tokens.Create("bob")).PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Accepted, create.StatusCode);
    }
}
