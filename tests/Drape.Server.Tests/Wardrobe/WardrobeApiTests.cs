using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Drape.Server.Data;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Drape.Server.Tests.Wardrobe;

/// <summary>Garments, wardrobe, avatars, history, preferences and erasure over HTTP, with two users and an admin.</summary>
public sealed class WardrobeApiTests(WardrobeApiTests.Factory factory) : IClassFixture<WardrobeApiTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Auth:JwtSecret"] = Tokens.Secret });

    private HttpClient As(string user, bool admin = false)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create(user, admin));
        return client;
    }

    private static MultipartFormDataContent GarmentForm(string fixture, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(fixture), Fixtures.TypeOf(fixture)), "image", Path.GetFileName(fixture) } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    [Fact]
    public async Task A_garment_is_uploaded_measured_listed_patched_and_deleted_with_its_files()
    {
        using var alice = As("alice-garments");
        using var created = await alice.PostAsync("/api/v1/garments/upload", GarmentForm("garment/upper/tee-blue.png",
            ("name", "Blue <b>tee</b>"), ("tags", "summer, Cotton"), ("tags", "basics"), ("brand", "Acme"), ("notes", "soft")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var garment = await created.ReadObjectAsync();
        var id = (string)garment["id"]!;
        Assert.Equal($"/api/v1/garments/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("upper", (string?)garment["category"]); // auto: decided from the shape
        Assert.Equal("Blue tee", (string?)garment["name"]); // sanitised
        Assert.Equal(["summer", "cotton", "basics"], garment["tags"]!.AsArray().Select(t => (string)t!));
        var colour = garment["colours"]!.AsArray()[0]!;
        Assert.Contains("blue", ((string)colour["name"]!) + " " + (string)colour["hex"]!, StringComparison.Ordinal);
        foreach (var url in new[] { "image_url", "cutout_url", "thumbnail_url" })
        {
            using var file = await alice.GetAsync(new Uri((string)garment[url]!).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }

        using var cutout = SKBitmap.Decode(await alice.GetByteArrayAsync(new Uri((string)garment["cutout_url"]!).PathAndQuery));
        Assert.Equal(0, cutout.GetPixel(0, 0).Alpha); // the background is cut away

        using var patch = await alice.PatchAsync($"/api/v1/garments/{id}", JsonContent.Create(new { name = "Favourite tee", category = "dress" }));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("dress", (string?)(await patch.ReadObjectAsync())["category"]);

        using var delete = await alice.DeleteAsync($"/api/v1/garments/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await alice.GetAsync($"/api/v1/garments/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(factory.BlobsDir, "garments", Guid.Parse(id).ToString("N"))) &&
                     Directory.EnumerateFiles(Path.Combine(factory.BlobsDir, "garments", Guid.Parse(id).ToString("N"))).Any());
    }

    [Fact]
    public async Task The_wardrobe_pages_newest_first_and_filters()
    {
        using var bob = As("bob-wardrobe");
        var ids = new List<string>();
        foreach (var (fixture, tag) in new[] { ("garment/upper/tee-white.png", "white"), ("garment/upper/tee-blue.png", "blue"), ("garment/upper/polo-navy.png", "blue") })
        {
            using var created = await bob.PostAsync("/api/v1/garments/upload", GarmentForm(fixture, ("tags", tag), ("category", "upper")));
            ids.Add((string)(await created.ReadObjectAsync())["id"]!);
        }

        var first = await bob.GetObjectAsync("/api/v1/wardrobe/bob-wardrobe?limit=2");
        Assert.Equal([ids[2], ids[1]], first["items"]!.AsArray().Select(i => (string)i!["id"]!));
        var second = await bob.GetObjectAsync($"/api/v1/wardrobe/bob-wardrobe?limit=2&cursor={(string)first["next_cursor"]!}");
        Assert.Equal([ids[0]], second["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Null(second["next_cursor"]);

        var tagged = await bob.GetObjectAsync("/api/v1/wardrobe/bob-wardrobe?tag=blue");
        Assert.Equal(2, tagged["items"]!.AsArray().Count);
        var dresses = await bob.GetObjectAsync("/api/v1/wardrobe/bob-wardrobe?category=dress");
        Assert.Empty(dresses["items"]!.AsArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("category=hats", "category")]
    public async Task Bad_paging_and_filters_are_422_naming_the_field(string query, string field)
    {
        using var carol = As("carol-paging");
        using var response = await carol.GetAsync($"/api/v1/wardrobe/carol-paging?{query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.ReadObjectAsync();
        Assert.Contains(field, error["details"]!["fields"]!.AsArray().Select(f => (string)f!["field"]!));
    }

    [Fact]
    public async Task Users_are_isolated_and_admins_may_read()
    {
        using var dave = As("dave-isolated");
        using var eve = As("eve-intruder");
        using var admin = As("root-admin", admin: true);
        using var created = await dave.PostAsync("/api/v1/garments/upload", GarmentForm("garment/upper/tee-white.png"));
        var id = (string)(await created.ReadObjectAsync())["id"]!;

        // Another user's garment: 404 whatever the method (never a hint that it exists).
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, $"/api/v1/garments/{id}"),
            new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/garments/{id}") { Content = JsonContent.Create(new { name = "mine" }) },
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/garments/{id}"),
        })
        {
            using var response = await eve.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("RES_6001", (string?)(await response.ReadObjectAsync())["error_code"]);
        }

        // Another user's wardrobe and history: 403.
        foreach (var path in new[] { "/api/v1/wardrobe/dave-isolated", "/api/v1/tryon/history/dave-isolated" })
        {
            using var response = await eve.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("AUTH_1004", (string?)(await response.ReadObjectAsync())["error_code"]);
        }

        Assert.Single((await admin.GetObjectAsync("/api/v1/wardrobe/dave-isolated"))["items"]!.AsArray());
        using var adminGet = await admin.GetAsync($"/api/v1/garments/{id}");
        Assert.Equal(HttpStatusCode.OK, adminGet.StatusCode);
        using var stillThere = await dave.GetAsync($"/api/v1/garments/{id}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/api/v1/wardrobe/anyone");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_1003", (string?)(await response.ReadObjectAsync())["error_code"]);
        using var upload = await anonymous.PostAsync("/api/v1/garments/upload", GarmentForm("garment/upper/tee-white.png"));
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
    }

    [Fact]
    public async Task Patch_with_unknown_fields_or_values_is_422()
    {
        using var frank = As("frank-patch");
        using var created = await frank.PostAsync("/api/v1/garments/upload", GarmentForm("garment/upper/tee-white.png"));
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        using var unknown = await frank.PatchAsync($"/api/v1/garments/{id}", new StringContent("""{"colour":"red"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        using var badCategory = await frank.PatchAsync($"/api/v1/garments/{id}", new StringContent("""{"category":"hat"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCategory.StatusCode);
        using var badUpload = await frank.PostAsync("/api/v1/garments/upload", GarmentForm("garment/upper/tee-white.png", ("category", "hat"), ("colour", "red")));
        var error = await badUpload.ReadObjectAsync();
        Assert.Equal(["category", "colour"], error["details"]!["fields"]!.AsArray().Select(f => (string)f!["field"]!).Order());
    }

    [Fact]
    public async Task Avatars_preferences_history_and_erasure()
    {
        using var gina = As("gina-erase");
        using var avatar = await gina.PostAsync("/api/v1/avatars", GarmentForm("person/upper/woman-business.png", ("name", "Studio")));
        Assert.Equal(HttpStatusCode.Created, avatar.StatusCode);
        var avatarId = (string)(await avatar.ReadObjectAsync())["id"]!;
        Assert.Single((await gina.GetArrayAsync("/api/v1/avatars")));
        using var garment = await gina.PostAsync("/api/v1/garments/upload", GarmentForm("garment/upper/tee-blue.png"));
        Assert.Equal(HttpStatusCode.Created, garment.StatusCode);

        using var put = await gina.PutAsJsonAsync("/api/v1/users/me/preferences", new { palette = "light_warm", sizes = new { top = "M", shoes = "EU 39" }, styles = new[] { "Classic", "minimalist" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var preferences = await gina.GetObjectAsync("/api/v1/users/me/preferences");
        Assert.Equal("light_warm", (string?)preferences["palette"]);
        Assert.Equal("M", (string?)preferences["sizes"]!["top"]);
        Assert.Equal(["classic", "minimalist"], preferences["styles"]!.AsArray().Select(s => (string)s!));
        using var badPut = await gina.PutAsJsonAsync("/api/v1/users/me/preferences", new { palette = "purple", sizes = new { hat = "L" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPut.StatusCode);

        using var tryOn = new HttpRequestMessage(HttpMethod.Post, "/api/v1/process-tryon") { Content = Fixtures.TryOnForm() };
        tryOn.Headers.Authorization = gina.DefaultRequestHeaders.Authorization;
        using var result = await factory.CreateClient().SendAsync(tryOn);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var history = await gina.GetObjectAsync("/api/v1/tryon/history/gina-erase");
        var entry = Assert.Single(history["items"]!.AsArray())!;
        Assert.Equal("builtin", (string?)entry["engine"]);
        using var image = await gina.GetAsync(new Uri((string)entry["image_url"]!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        using var erase = await gina.DeleteAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var report = await erase.ReadObjectAsync();
        Assert.Equal(1, (int)report["garments"]!);
        Assert.Equal(1, (int)report["avatars"]!);
        Assert.Equal(1, (int)report["try_on_results"]!);
        Assert.Equal(1, (int)report["preferences"]!);
        Assert.True((int)report["blobs"]! >= 6);

        Assert.Empty((await gina.GetObjectAsync("/api/v1/wardrobe/gina-erase"))["items"]!.AsArray());
        Assert.Empty((await gina.GetObjectAsync("/api/v1/tryon/history/gina-erase"))["items"]!.AsArray());
        using var avatarGone = await gina.GetAsync($"/api/v1/avatars/{avatarId}");
        Assert.Equal(HttpStatusCode.NotFound, avatarGone.StatusCode);
        Assert.Equal(0, await factory.DbAsync(db => db.Garments.CountAsync(g => g.UserId == "gina-erase")));
    }
}
