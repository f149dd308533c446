using System.Net;
using Drape.Server.Tests.Support;
using SkiaSharp;

namespace Drape.Server.Tests.Analysis;

/// <summary>analyze-body and analyze-face-features over HTTP, with the real models on real photos.</summary>
public sealed class AnalysisApiTests(AnalysisApiTests.Factory factory) : IClassFixture<AnalysisApiTests.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : DrapeFactory();

    [Fact]
    public async Task Analyze_body_finds_a_full_body_with_keypoints_body_type_and_a_mask()
    {
        using var response = await _client.PostAsync("/api/v1/analyze-body", ImageForm("person/full/man-suit-studio.jpg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.True((bool)body["person_found"]!);
        Assert.Equal("full_body", (string?)body["mode"]);
        Assert.InRange((double)body["keypoint_coverage"]!, 0.8, 1.0);
        var keypoints = body["keypoints"]!.AsArray();
        Assert.Equal(17, keypoints.Count);
        Assert.Equal("nose", (string?)keypoints[0]!["name"]);
        Assert.InRange((double)keypoints[0]!["x"]!, 120, 240); // the photo is 399×640; the face is near x = 180
        Assert.Contains((string?)body["body_type"], new[] { "slim", "athletic", "average", "curvy", "plus_size" });
        Assert.True((double)body["measurements"]!["hip_width_px"]! > 0);
        Assert.True((long)body["duration_ms"]! >= 0);
        var box = body["bbox"]!;
        Assert.InRange((double)box["width"]!, 50, 399);

        using var mask = await _client.GetAsync(new Uri((string)body["mask_url"]!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, mask.StatusCode);
        Assert.Equal("image/png", mask.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await mask.Content.ReadAsByteArrayAsync());
        Assert.Equal((399, 640), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Analyze_body_without_a_person_is_200_with_mode_none()
    {
        using var response = await _client.PostAsync("/api/v1/analyze-body", ImageForm("person/none/building-lawn.jpg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.False((bool)body["person_found"]!);
        Assert.Equal("none", (string?)body["mode"]);
        Assert.Null(body["mask_url"]);
        Assert.Null(body["body_type"]);
    }

    [Fact]
    public async Task Analyze_face_features_gives_skin_tone_and_palette()
    {
        using var response = await _client.PostAsync("/api/v1/analyze-face-features", ImageForm("person/face/woman-light-skin.jpg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var face = body["faces"]!.AsArray()[0]!;
        Assert.True((double)face["score"]! > 0.7);
        Assert.NotNull(face["landmarks"]!["left_eye"]);
        var skin = body["skin"]!;
        Assert.Matches("^#[0-9a-f]{6}$", ((string)skin["hex"]!).ToLowerInvariant());
        Assert.Contains((string?)skin["ita_class"], new[] { "very_light", "light", "intermediate", "tan", "brown", "dark" });
        Assert.Contains((string?)skin["undertone"], new[] { "cool", "neutral", "warm" });
        Assert.Contains((string?)skin["fitzpatrick"], new[] { "I", "II", "III", "IV", "V", "VI" });
        Assert.True((double)skin["ita_degrees"]! > 10, "a light-skinned face has ITA° above the tan band");
        var palette = body["palette"]!;
        Assert.Equal((string?)skin["category"], (string?)palette["category"]);
        Assert.True(palette["best"]!.AsArray().Count >= 8);
        Assert.NotEmpty(palette["metals"]!.AsArray());
    }

    [Fact]
    public async Task Darker_skin_has_a_lower_ita_than_lighter_skin()
    {
        var light = await ItaAsync("person/face/woman-light-skin.jpg");
        var dark = await ItaAsync("person/face/woman-dark-skin.jpg");
        Assert.True(dark < light - 15, $"ITA° dark {dark:F1} vs light {light:F1}");
    }

    [Fact]
    public async Task No_face_is_422_ml_4004_saying_so()
    {
        using var response = await _client.PostAsync("/api/v1/analyze-face-features", ImageForm("person/none/building-lawn.jpg"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.ReadObjectAsync();
        Assert.Equal("ML_4004", (string?)error["error_code"]);
        Assert.Contains("No face", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_the_error_body()
    {
        using var missing = await _client.PostAsync("/api/v1/analyze-body", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var error = await missing.ReadObjectAsync();
        Assert.Equal("VAL_2001", (string?)error["error_code"]);

        using var notImage = await _client.PostAsync("/api/v1/analyze-face-features", new MultipartFormDataContent { { Fixtures.File("not an image"u8.ToArray(), "image/png"), "image", "x.png" } });
        Assert.True(notImage.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("VAL_", (string?)(await notImage.ReadObjectAsync())["error_code"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_each_model_state()
    {
        using var _ = await _client.PostAsync("/api/v1/analyze-body", ImageForm("person/full/man-suit-studio.jpg"));
        var models = await ModelsHealthAsync(until: m => (string?)m["movenet-thunder:4"]!["state"] == "loaded");
        Assert.Equal("loaded", (string?)models["movenet-thunder:4"]!["state"]);
        Assert.Equal("ok", (string?)models["selfie:1215"]!["file"]);
        Assert.Contains((string?)models["facemesh:1"]!["state"], new[] { "not_loaded", "loaded" });
        Assert.True((double)models["movenet-thunder:4"]!["memory_mb"]! > 1);
    }

    /// <summary>Health is sampled in the background (every 5 s): poll until the condition holds or 20 s pass.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> ModelsHealthAsync(Func<System.Text.Json.Nodes.JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var models = (await _client.GetObjectAsync("/api/v1/health"))["checks"]!["models"]!["details"]!;
            if (until(models) || DateTime.UtcNow > deadline)
            {
                return models;
            }

            await Task.Delay(250);
        }
    }

    private async Task<double> ItaAsync(string fixture)
    {
        using var response = await _client.PostAsync("/api/v1/analyze-face-features", ImageForm(fixture));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (double)(await response.ReadObjectAsync())["skin"]!["ita_degrees"]!;
    }

    private static MultipartFormDataContent ImageForm(string fixture) =>
        new() { { Fixtures.File(Fixtures.Bytes(fixture), Fixtures.TypeOf(fixture)), "image", Path.GetFileName(fixture) } };
}
