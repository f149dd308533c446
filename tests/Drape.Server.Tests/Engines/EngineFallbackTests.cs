using System.Net;
using Drape.Server.Tests.Inference;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Engines;

/// <summary>
/// Engine choice per request and the fallback to <c>builtin</c>, through the whole server with the real <c>oip</c>
/// engine: against a real inference process, and against one that is down.
/// </summary>
public sealed class EngineFallbackTests(InferenceProcess remote) : IClassFixture<InferenceProcess>
{
    private static DrapeFactory Server(string baseUrl, bool fallback) => new(new()
    {
        ["Drape:Engines:Oip:BaseUrl"] = baseUrl,
        ["Drape:Engines:Oip:Models:TryOn"] = "tryon-builtin",
        ["Drape:Engines:Oip:TimeoutSeconds"] = "20",
        ["Drape:Engines:Oip:MaxRetries"] = "0",
        ["Drape:Engines:Fallback"] = fallback ? "true" : "false",
    });

    [Fact]
    public async Task A_request_names_its_engine_and_the_result_says_which_ran()
    {
        await using var factory = Server(remote.BaseUrl, fallback: true);
        var client = factory.CreateClient();

        using var remoteRun = await client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm(fields: ("engine", "oip")));
        Assert.Equal(HttpStatusCode.OK, remoteRun.StatusCode);
        var result = await remoteRun.ReadObjectAsync();
        Assert.Equal("oip", (string?)result["engine"]);
        Assert.False((bool)result["degraded"]!);

        using var localRun = await client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm()); // the default
        Assert.Equal("builtin", (string?)(await localRun.ReadObjectAsync())["engine"]);
    }

    [Fact]
    public async Task When_the_remote_is_down_the_builtin_engine_answers_degraded_and_health_says_so()
    {
        await using var factory = Server($"http://127.0.0.1:{DrapeProcess.FreePort()}", fallback: true);
        var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm(fields: ("engine", "oip")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadObjectAsync();
        Assert.Equal("builtin", (string?)result["engine"]);
        Assert.True((bool)result["degraded"]!);
        Assert.StartsWith("oip: ", (string?)result["degraded_reason"], StringComparison.Ordinal);

        // A session shows the same, and the engines check reports the remote engine degraded.
        using var created = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(fields: ("engine", "oip")));
        var session = await client.WaitForTerminalAsync((string)(await created.ReadObjectAsync())["id"]!, 90);
        Assert.Equal("completed", (string?)session["status"]);
        Assert.Equal("builtin", (string?)session["engine"]);
        Assert.True((bool)session["result"]!["degraded"]!);

        var deadline = DateTime.UtcNow.AddSeconds(30); // health is sampled in the background every few seconds
        while (true)
        {
            var engines = (await client.GetObjectAsync("/api/v1/health"))["checks"]!["engines"]!;
            if ((string?)engines["status"] == "degraded")
            {
                Assert.NotEqual("ok", (string?)engines["details"]!["oip"]!["state"]);
                Assert.Equal("ok", (string?)engines["details"]!["builtin"]!["state"]);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, engines.ToJsonString());
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Without_fallback_a_remote_that_is_down_fails_with_EXT_5004()
    {
        await using var factory = Server($"http://127.0.0.1:{DrapeProcess.FreePort()}", fallback: false);
        var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm(fields: ("engine", "oip")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("EXT_5004", (string?)(await response.ReadObjectAsync())["error_code"]);
    }
}
