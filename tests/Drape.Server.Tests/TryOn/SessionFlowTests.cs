using System.Net;
using System.Text.Json.Nodes;
using Drape.Server.Tests.Support;
using SkiaSharp;

namespace Drape.Server.Tests.TryOn;

/// <summary>The full flow with the real built-in engine on real photos: session, events, result download, sync, batch.</summary>
public sealed class SessionFlowTests(SessionFlowTests.Factory factory) : IClassFixture<SessionFlowTests.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : DrapeFactory();

    [Fact]
    public async Task A_session_completes_and_its_result_downloads()
    {
        using var created = await _client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(Fixtures.Person, Fixtures.Garment, ("category", "upper"), ("seed", "7")));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var session = await created.ReadObjectAsync();
        var id = (string)session["id"]!;
        Assert.Equal("created", (string?)session["status"]);
        Assert.Equal("upper", (string?)session["category"]);
        Assert.Equal("builtin", (string?)session["engine"]);
        Assert.Equal($"/api/v1/tryon/sessions/{id}", created.Headers.Location?.OriginalString);
        Assert.EndsWith("/events", (string?)session["events_url"], StringComparison.Ordinal);
        Assert.True(DateTime.Parse((string)session["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTime.UtcNow.AddHours(23));

        var done = await _client.WaitForTerminalAsync(id);
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal(100, (int?)done["progress"]);
        var result = done["result"]!.AsObject();
        using var image = await DownloadAsync((string)result["image_url"]!);
        Assert.True(image.Width <= 768 && image.Height <= 1024);
        Assert.Equal((int?)result["width"], image.Width);
        Assert.Equal((int?)result["height"], image.Height);
    }

    [Fact]
    public async Task Events_stream_reports_each_state_in_order_and_ends()
    {
        using var created = await _client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        using var events = await _client.GetAsync($"/api/v1/tryon/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        var text = await events.Content.ReadAsStringAsync(); // the stream ends at the terminal state
        var statuses = text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal))
            .Select(l => (string?)JsonNode.Parse(l[6..])!["status"]).Where(s => s is not null).ToList();
        Assert.Equal("completed", statuses[^1]);
        var order = new[] { "created", "processing", "completed" };
        var indices = statuses.Select(s => Array.IndexOf(order, s)).ToList();
        Assert.Equal(indices.Order(), indices); // never goes backwards
        Assert.Contains("event: status", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_try_on_answers_json_or_the_image()
    {
        using var json = await _client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var body = await json.ReadObjectAsync();
        Assert.Equal("builtin", (string?)body["engine"]);
        Assert.Equal("upper", (string?)body["category"]); // auto, decided from the tee's shape
        using (var image = await DownloadAsync((string)body["image_url"]!))
        {
            Assert.Equal((int?)body["width"], image.Width);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/process-tryon") { Content = Fixtures.TryOnForm() };
        request.Headers.Accept.ParseAdd("image/png");
        using var png = await _client.SendAsync(request);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        using var decoded = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.True(decoded.Width is > 0 and <= 768);
    }

    [Fact]
    public async Task A_photo_without_a_person_fails_the_session_with_ML_4004()
    {
        using var created = await _client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm("person/none/building-lawn.jpg"));
        var done = await _client.WaitForTerminalAsync((string)(await created.ReadObjectAsync())["id"]!);
        Assert.Equal("failed", (string?)done["status"]);
        Assert.Equal("ML_4004", (string?)done["error"]!["error_code"]);
        Assert.Contains("person", (string?)done["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_makes_one_session_per_garment_and_aggregates_them()
    {
        var form = new MultipartFormDataContent
        {
            { Fixtures.File(Fixtures.Bytes(Fixtures.PersonSmall), "image/jpeg"), "person_image", "p.jpg" },
        };
        foreach (var garment in new[] { "garment/upper/tee-white.png", "garment/upper/hoodie-black.png", "garment/lower/shorts-green-render.png" })
        {
            form.Add(Fixtures.File(Fixtures.Bytes(garment), "image/png"), "garment_images", Path.GetFileName(garment));
        }

        form.Add(new StringContent("upper,upper,lower"), "categories");
        using var created = await _client.PostAsync("/api/v1/process-tryon-batch", form);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var batch = await created.ReadObjectAsync();
        Assert.Equal(3, batch["sessions"]!.AsArray().Count);
        var url = (string)batch["status_url"]!;

        JsonObject state;
        var until = DateTime.UtcNow.AddSeconds(90);
        do
        {
            await Task.Delay(200);
            state = await _client.GetObjectAsync(url);
        }
        while ((string?)state["status"] == "processing" && DateTime.UtcNow < until);

        Assert.Equal("completed", (string?)state["status"]);
        Assert.Equal(3, (int?)state["counts"]!["completed"]);
        Assert.Equal(["upper", "upper", "lower"], state["sessions"]!.AsArray().Select(s => (string?)s!["category"]));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_same_session()
    {
        async Task<HttpResponseMessage> Post(string seed)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tryon/sessions") { Content = Fixtures.TryOnForm(fields: ("seed", seed)) };
            request.Headers.Add("Idempotency-Key", "order-1234");
            return await _client.SendAsync(request);
        }

        using var first = await Post("1");
        using var replay = await Post("1");
        using var conflict = await Post("2");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((string?)(await first.ReadObjectAsync())["id"], (string?)(await replay.ReadObjectAsync())["id"]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("RES_6002", (string?)(await conflict.ReadObjectAsync())["error_code"]);
    }

    [Fact]
    public async Task A_tampered_or_expired_file_url_is_403()
    {
        using var json = await _client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm());
        var url = (string)(await json.ReadObjectAsync())["image_url"]!;
        using var tampered = await _client.GetAsync(url.Replace("sig=", "sig=x", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal("AUTH_1004", (string?)(await tampered.ReadObjectAsync())["error_code"]);
        using var expired = await _client.GetAsync(System.Text.RegularExpressions.Regex.Replace(url, "exp=[0-9]+", "exp=1000"));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    private async Task<SKBitmap> DownloadAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
    }
}
