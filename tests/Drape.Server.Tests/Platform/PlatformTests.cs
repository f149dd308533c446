using System.Net;
using System.Text.Json.Nodes;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Platform;

public sealed class PlatformTests(PlatformTests.Factory factory) : IClassFixture<PlatformTests.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : DrapeFactory();

    [Fact]
    public async Task Health_reports_every_component_from_cached_checks()
    {
        using var response = await _client.GetAsync("/api/v1/health");
        var health = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((string?)health["status"] == "healthy", health.ToJsonString());
        foreach (var component in new[] { "database", "storage", "models", "workers", "queue" })
        {
            Assert.Equal("healthy", (string?)health["checks"]![component]!["status"]);
        }

        Assert.Equal("ok", (string?)health["checks"]!["models"]!["details"]!["blazeface-front:1.2.0"]!["file"]);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer()
    {
        using var live = await _client.GetAsync("/health/live");
        Assert.Equal("alive", (string?)(await live.ReadObjectAsync())["status"]);
        using var ready = await _client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_exposed_for_prometheus()
    {
        await _client.GetAsync("/health/live");
        using var response = await _client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("drape_jobs_queue_depth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_multipart_bodies_and_errors()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
        var create = document["paths"]!["/api/v1/tryon/sessions"]!["post"]!;
        var schema = create["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        Assert.Equal("binary", (string?)schema["properties"]!["person_image"]!["format"]);
        Assert.Equal(500, (int?)schema["properties"]!["garment_description"]!["maxLength"]);
        Assert.NotNull(schema["properties"]!["person_id"]); // person_image or a saved avatar's id
        Assert.NotNull(create["responses"]!["202"]);
        Assert.NotNull(create["responses"]!["413"]);
        Assert.NotNull(document["paths"]!["/api/v1/tryon/sessions/{id}/events"]);
        Assert.NotNull(document["paths"]!["/api/v1/process-tryon-batch"]!["post"]!["requestBody"]);
        Assert.Equal("array", (string?)document["paths"]!["/api/v1/process-tryon-batch"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!["properties"]!["garment_images"]!["type"]);
    }

    [Fact]
    public async Task The_docs_ui_is_served()
    {
        using var response = await _client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
