using System.Net;
using System.Net.Http.Headers;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Wardrobe;

/// <summary>Saved garments and avatars used by id in try-on and recommendations, and never across users.</summary>
public sealed class SavedReferencesTests(SavedReferencesTests.Factory factory) : IClassFixture<SavedReferencesTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Auth:JwtSecret"] = Tokens.Secret });

    private HttpClient As(string user)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create(user));
        return client;
    }

    private static async Task<string> SaveAsync(HttpClient client, string path, string fixture)
    {
        using var form = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(fixture), Fixtures.TypeOf(fixture)), "image", Path.GetFileName(fixture) } };
        using var response = await client.PostAsync(path, form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["id"]!;
    }

    [Fact]
    public async Task Try_on_by_ids_runs_and_the_history_names_them()
    {
        using var hana = As("hana-refs");
        var avatar = await SaveAsync(hana, "/api/v1/avatars", Fixtures.PersonSmall);
        var garment = await SaveAsync(hana, "/api/v1/garments/upload", Fixtures.GarmentSmall);

        using var sync = await hana.PostAsync("/api/v1/process-tryon", new MultipartFormDataContent
        {
            { new StringContent(avatar), "person_id" },
            { new StringContent(garment), "garment_id" },
        });
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);

        using var session = await hana.PostAsync("/api/v1/tryon/sessions", new MultipartFormDataContent
        {
            { new StringContent(avatar), "person_id" },
            { new StringContent(garment), "garment_id" },
        });
        Assert.Equal(HttpStatusCode.Accepted, session.StatusCode);
        var done = await hana.WaitForTerminalAsync((string)(await session.ReadObjectAsync())["id"]!);
        Assert.Equal("completed", (string?)done["status"]);

        var history = (await hana.GetObjectAsync("/api/v1/tryon/history/hana-refs"))["items"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.All(history, entry =>
        {
            Assert.Equal(garment, (string?)entry!["garment_id"]);
            Assert.Equal(avatar, (string?)entry["person_id"]);
        });

        using var recommend = await hana.PostAsync("/api/v1/recommend", new MultipartFormDataContent
        {
            { Fixtures.File(Fixtures.Bytes("person/face/woman-light-skin.jpg"), "image/jpeg"), "user_photo", "me.jpg" },
            { new StringContent(garment), "garment_ids" },
            { new StringContent("5"), "max_results" },
        });
        Assert.Equal(HttpStatusCode.OK, recommend.StatusCode);
    }

    [Fact]
    public async Task Recommend_takes_json_with_references_only()
    {
        using var mia = As("mia-json");
        var avatar = await SaveAsync(mia, "/api/v1/avatars", "person/face/woman-light-skin.jpg");
        var garment = await SaveAsync(mia, "/api/v1/garments/upload", Fixtures.GarmentSmall);
        using var ok = await mia.PostAsync("/api/v1/recommend", System.Net.Http.Json.JsonContent.Create(new
        {
            avatar_id = avatar,
            garment_ids = new[] { garment },
            profile = new { occasion = "work", budget = new { max = 80, currency = "USD" } },
            max_results = 5,
        }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.InRange((await ok.ReadObjectAsync())["keywords"]!.AsArray().Count, 8, 10);

        using var bad = await mia.PostAsync("/api/v1/recommend", new StringContent("""{"garment_ids":["nope"],"shoe_size":42,"max_results":0}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    [Fact]
    public async Task Another_users_ids_are_404_and_malformed_or_doubled_ones_422()
    {
        using var ivan = As("ivan-owner");
        using var judy = As("judy-other");
        var garment = await SaveAsync(ivan, "/api/v1/garments/upload", Fixtures.GarmentSmall);
        var avatar = await SaveAsync(ivan, "/api/v1/avatars", Fixtures.PersonSmall);

        using var stolenGarment = await judy.PostAsync("/api/v1/process-tryon", new MultipartFormDataContent
        {
            { Fixtures.File(Fixtures.Bytes(Fixtures.PersonSmall), "image/jpeg"), "person_image", "p.jpg" },
            { new StringContent(garment), "garment_id" },
        });
        Assert.Equal(HttpStatusCode.NotFound, stolenGarment.StatusCode);
        Assert.Equal("RES_6001", (string?)(await stolenGarment.ReadObjectAsync())["error_code"]);

        using var stolenAvatar = await judy.PostAsync("/api/v1/recommend", new MultipartFormDataContent { { new StringContent(avatar), "avatar_id" } });
        Assert.Equal(HttpStatusCode.NotFound, stolenAvatar.StatusCode);

        using var anonymous = await factory.CreateClient().PostAsync("/api/v1/tryon/sessions", new MultipartFormDataContent
        {
            { new StringContent(avatar), "person_id" },
            { new StringContent(garment), "garment_id" },
        });
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);

        using var malformed = await ivan.PostAsync("/api/v1/process-tryon", new MultipartFormDataContent
        {
            { new StringContent("not-an-id"), "person_id" },
            { new StringContent(garment), "garment_id" },
            { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "garment_image", "g.png" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        var fields = (await malformed.ReadObjectAsync())["details"]!["fields"]!.AsArray().Select(f => (string)f!["field"]!).ToList();
        Assert.Contains("person_id", fields);
        Assert.Contains("garment_id", fields); // both an image and an id
    }
}
