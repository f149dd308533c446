using System.Net;
using System.Text;
using Drape.Imaging.Tests.Decoding;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.TryOn;

/// <summary>Every bad-input case of the issue: right status and code, nothing stored, and the server keeps serving.</summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.Factory>
{
    private readonly Factory _factory;
    private readonly HttpClient _client;

    public BadInputTests(Factory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    public sealed class Factory() : DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });

    private async Task AssertRejected(HttpContent content, HttpStatusCode status, string code, string? field = null)
    {
        using var response = await _client.PostAsync("/api/v1/tryon/sessions", content);
        var body = await response.ReadObjectAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (string?)body["error_code"]);
        Assert.Equal((int)status, (int?)body["status"]);
        Assert.StartsWith("req_", (string?)body["request_id"], StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal); // no stack trace
        if (field is not null)
        {
            Assert.Contains(field, body.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Empty(_factory.BlobFiles());
        using var health = await _client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static MultipartFormDataContent Form(byte[] person, string personType, string personName = "person.jpg")
    {
        var garment = Fixtures.Bytes(Fixtures.GarmentSmall);
        return new MultipartFormDataContent
        {
            { Fixtures.File(person, personType), "person_image", personName },
            { Fixtures.File(garment, "image/png"), "garment_image", "garment.png" },
        };
    }

    [Fact]
    public async Task Missing_file_field_is_422_naming_it()
    {
        var form = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "garment_image", "g.png" } };
        using var response = await _client.PostAsync("/api/v1/tryon/sessions", form);
        var body = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("VAL_2001", (string?)body["error_code"]);
        Assert.Contains("person_image", body.FieldNames());
        Assert.Empty(_factory.BlobFiles());
    }

    [Fact]
    public Task Empty_file_is_400() => AssertRejected(Form([], "image/jpeg"), HttpStatusCode.BadRequest, "VAL_2004", "person_image");

    [Fact]
    public Task Eleven_megabytes_is_413() => AssertRejected(Form(new byte[11 * 1024 * 1024], "image/jpeg"), HttpStatusCode.RequestEntityTooLarge, "VAL_2002", "person_image");

    [Fact]
    public Task Text_named_photo_jpg_is_400() =>
        AssertRejected(Form(Encoding.UTF8.GetBytes("this is not a photo at all"), "image/jpeg", "photo.jpg"), HttpStatusCode.BadRequest, "VAL_2004");

    [Fact]
    public Task Png_declared_as_jpeg_is_400() => AssertRejected(Form(Fixtures.Bytes(Fixtures.GarmentSmall), "image/jpeg"), HttpStatusCode.BadRequest, "VAL_2004");

    [Fact]
    public Task Unsupported_type_is_415() => AssertRejected(Form(Fixtures.Bytes(Fixtures.GarmentSmall), "image/gif"), (HttpStatusCode)415, "VAL_2003");

    [Fact]
    public Task Truncated_jpeg_is_400()
    {
        var jpeg = Fixtures.Bytes(Fixtures.PersonSmall);
        return AssertRejected(Form(jpeg[..(jpeg.Length / 2)], "image/jpeg"), HttpStatusCode.BadRequest, "VAL_2004");
    }

    [Fact]
    public Task Png_bomb_is_400() => AssertRejected(Form(TestImages.PngBomb(20000, 20000), "image/png", "bomb.png"), HttpStatusCode.BadRequest, "VAL_2004");

    [Fact]
    public Task Unknown_category_is_422() =>
        AssertRejected(Fixtures.TryOnForm(fields: ("category", "hat")), HttpStatusCode.UnprocessableEntity, "VAL_2001", "category");

    [Theory]
    [InlineData("dall-e")]
    [InlineData("fal")] // known, but not configured on this server
    [InlineData("BUILTIN")]
    public Task Unknown_or_unconfigured_engine_is_422(string engine) =>
        AssertRejected(Fixtures.TryOnForm(fields: ("engine", engine)), HttpStatusCode.UnprocessableEntity, "VAL_2001", "engine");

    [Fact]
    public Task Long_description_is_422() =>
        AssertRejected(Fixtures.TryOnForm(fields: ("garment_description", new string('x', 600))), HttpStatusCode.UnprocessableEntity, "VAL_2001", "garment_description");

    [Fact]
    public Task Unknown_field_is_422() =>
        AssertRejected(Fixtures.TryOnForm(fields: ("colour", "red")), HttpStatusCode.UnprocessableEntity, "VAL_2001", "colour");

    [Fact]
    public async Task Non_https_webhook_is_422()
    {
        await using var strict = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0", ["Drape:Webhooks:AllowInsecureUrls"] = "false" });
        using var response = await strict.CreateClient().PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(fields: ("webhook_url", "http://example.com/hook")));
        var body = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("webhook_url", body.FieldNames());
        Assert.Empty(strict.BlobFiles());
    }

    [Fact]
    public Task Malformed_multipart_is_400()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"person_image\"; filename=\"a.jpg\"\r\n\r\nabc"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        return AssertRejected(content, HttpStatusCode.BadRequest, "VAL_2001");
    }

    [Fact]
    public Task Json_instead_of_multipart_is_415() =>
        AssertRejected(new StringContent("{\"person_image\":\"x\"}", Encoding.UTF8, "application/json"), (HttpStatusCode)415, "VAL_2003");

    [Fact]
    public async Task Path_traversal_filename_is_sanitised_and_accepted()
    {
        var form = Form(Fixtures.Bytes(Fixtures.PersonSmall), "image/jpeg", "../../etc/passwd");
        using var response = await _client.PostAsync("/api/v1/tryon/sessions", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var files = _factory.BlobFiles();
        Assert.All(files, f => Assert.StartsWith(_factory.BlobsDir, f, StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("passwd", StringComparison.Ordinal));
        await _factory.DbAsync(async db =>
        {
            db.Jobs.RemoveRange(db.Jobs);
            await db.SaveChangesAsync();
            return 0;
        });
        await _factory.Blobs.DeletePrefixAsync("jobs/", default);
    }

    [Fact]
    public async Task A_filename_with_nothing_usable_is_400_VAL_2005()
    {
        var form = Form(Fixtures.Bytes(Fixtures.PersonSmall), "image/jpeg", "..");
        await AssertRejected(form, HttpStatusCode.BadRequest, "VAL_2005");
    }

    [Theory]
    [InlineData("/api/v1/tryon/sessions/01a20ac4-9bad-7061-b142-10a5c0d1fd43")]
    [InlineData("/api/v1/tryon/sessions/not-a-session-id")]
    [InlineData("/api/v1/tryon/sessions/%27%3B%20DROP%20TABLE%20jobs")]
    [InlineData("/api/v1/tryon/batches/01a20ac4-9bad-7061-b142-10a5c0d1fd43")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Unknown_resources_are_404_RES_6001(string url)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RES_6001", (string?)body["error_code"]);
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), (string?)body["request_id"]);
    }

    [Fact]
    public async Task Wrong_method_is_405_with_the_error_body()
    {
        using var response = await _client.PutAsync("/api/v1/tryon/sessions", new StringContent("x"));
        var body = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(405, (int?)body["status"]);
    }

    [Fact]
    public async Task A_given_request_id_is_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tryon/sessions/nope");
        request.Headers.Add("X-Request-ID", "client-chosen-42");
        using var response = await _client.SendAsync(request);
        Assert.Equal("client-chosen-42", response.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("client-chosen-42", (string?)(await response.ReadObjectAsync())["request_id"]);
    }
}
