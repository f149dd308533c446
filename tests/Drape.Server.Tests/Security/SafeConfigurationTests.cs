using System.Net;
using Drape.Server.Observability;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Security;

/// <summary>Production refuses to start unsafe (one line naming the key); a safe configuration starts; logs hide secrets.</summary>
public sealed class SafeConfigurationTests
{
    private const string LongSecret = "a-production-secret-with-more-than-32-bytes";

    private static string[] Production(params string[] extra) =>
    [
        "serve", "--environment=Production", $"--Drape:DataDir={Directory.CreateTempSubdirectory("drape-prod-").FullName}",
        $"--Drape:Models:Path={DrapeFactory.ModelsDir}", "--Drape:Workers:Count=0", .. extra,
    ];

    [Theory]
    [InlineData("Drape:Http:BehindTlsProxy", "--urls=http://0.0.0.0:0")]
    [InlineData("Drape:Http:CorsOrigins", "--urls=http://127.0.0.1:0", "--Drape:Http:BehindTlsProxy=true", "--Drape:Http:TrustedProxies:0=127.0.0.1", "--Drape:Http:CorsOrigins:0=*")]
    [InlineData("Drape:Auth:JwtSecret", "--urls=http://127.0.0.1:0", "--Drape:Http:BehindTlsProxy=true", "--Drape:Http:TrustedProxies:0=127.0.0.1", "--Drape:Auth:JwtSecret=short")]
    [InlineData("Drape:Files:SigningKey", "--urls=http://127.0.0.1:0", "--Drape:Http:BehindTlsProxy=true", "--Drape:Http:TrustedProxies:0=127.0.0.1", "--Drape:Files:SigningKey=short")]
    [InlineData("Drape:Http:TrustedProxies", "--urls=http://127.0.0.1:0", "--Drape:Http:BehindTlsProxy=true")]
    public async Task An_unsafe_production_configuration_does_not_start(string key, params string[] settings)
    {
        using var serve = new DrapeProcess(Production(settings));
        Assert.Equal(2, await serve.WaitForExitAsync());
        var line = Assert.Single(serve.ErrorLines);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_on_loopback_only_may_use_plain_http()
    {
        var port = DrapeProcess.FreePort();
        using var serve = new DrapeProcess(Production($"--urls=http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitLiveAsync(client, serve);
    }

    [Fact]
    public async Task A_safe_production_configuration_starts_and_its_logs_hide_tokens_and_secrets()
    {
        var port = DrapeProcess.FreePort();
        var token = Tokens.Create("alice", secret: LongSecret);
        using var serve = new DrapeProcess(Production(
            $"--urls=http://127.0.0.1:{port}", "--Drape:Http:BehindTlsProxy=true", "--Drape:Http:TrustedProxies:0=127.0.0.1",
            "--Drape:Http:CorsOrigins:0=https://shop.example.com", $"--Drape:Auth:JwtSecret={LongSecret}"));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitLiveAsync(client, serve);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tryon/sessions/" + token);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-" + token);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var hsts = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { "X-Forwarded-Proto", "https" } } });
        Assert.True(hsts.Headers.Contains("Strict-Transport-Security"));
        Assert.False(hsts.Headers.Contains("Server"));

        await Task.Delay(300); // let the request log lines flush
        Assert.DoesNotContain(token, serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(LongSecret, serve.Output, StringComparison.Ordinal);
        Assert.Contains("AUTH_1001", serve.Output, StringComparison.Ordinal); // the failure itself is logged
    }

    [Theory]
    [InlineData("GET /files/results/a.png?exp=1&sig=abcDEF123_-", "sig=***")]
    [InlineData("Authorization: Bearer abc.def.ghi", "Bearer ***")]
    [InlineData("Host=db;Username=drape;Password=hunter2;Database=x", "Password=***")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig-part here", "token *** here")]
    public void Masking_removes_secrets_from_text(string text, string expected) =>
        Assert.Contains(expected, new SecretMasking([LongSecret]).MaskText(text), StringComparison.Ordinal);

    [Fact]
    public void Masking_removes_configured_secrets() =>
        Assert.Equal("key is ***", new SecretMasking([LongSecret]).MaskText($"key is {LongSecret}"));

    private static async Task WaitLiveAsync(HttpClient client, DrapeProcess serve)
    {
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var live = await client.GetAsync("/health/live");
                if (live.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("drape did not start:\n" + serve.Output);
    }
}
