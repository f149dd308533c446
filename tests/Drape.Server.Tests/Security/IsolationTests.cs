using System.Net;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Security;

/// <summary>User A's sessions and batches against user B, anonymous callers and an admin: no leaks, no hints.</summary>
public sealed class IsolationTests(IsolationTests.Factory factory) : IClassFixture<IsolationTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Workers:Count"] = "0", ["Drape:Auth:JwtSecret"] = Tokens.Secret });

    [Fact]
    public async Task Another_users_session_is_404_for_every_verb_and_open_to_its_owner_and_admins()
    {
        using var created = await factory.CreateClient().As(Tokens.Create("alice")).PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        var id = (string)(await created.ReadObjectAsync())["id"]!;

        foreach (var intruder in new[] { Tokens.Create("bob"), null })
        {
            var client = factory.CreateClient().As(intruder);
            foreach (var request in new[]
            {
                new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tryon/sessions/{id}"),
                new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tryon/sessions/{id}/events"),
                new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/tryon/sessions/{id}"),
            })
            {
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("alice", body, StringComparison.Ordinal);
                Assert.Contains("RES_6001", body, StringComparison.Ordinal);
            }
        }

        using var own = await factory.CreateClient().As(Tokens.Create("alice")).GetAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("created", (string?)(await own.ReadObjectAsync())["status"]); // bob's DELETE did nothing
        using var admin = await factory.CreateClient().As(Tokens.Create("root", admin: true)).GetAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Another_users_batch_is_404()
    {
        var form = new MultipartFormDataContent
        {
            { Fixtures.File(Fixtures.Bytes(Fixtures.PersonSmall), "image/jpeg"), "person_image", "p.jpg" },
            { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "garment_images", "g.png" },
        };
        using var created = await factory.CreateClient().As(Tokens.Create("alice")).PostAsync("/api/v1/process-tryon-batch", form);
        var url = (string)(await created.ReadObjectAsync())["status_url"]!;
        using var bob = await factory.CreateClient().As(Tokens.Create("bob")).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, bob.StatusCode);
        using var alice = await factory.CreateClient().As(Tokens.Create("alice")).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_session_is_reachable_by_its_id()
    {
        using var created = await factory.CreateClient().PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        using var other = await factory.CreateClient().As(Tokens.Create("carol")).GetAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>
    /// The IDOR matrix over user-owned resources: every verb on another user's garment, avatar and history entry is 404
    /// with no trace of the owner; their wardrobe and history lists are 403; anonymous callers are 401; an admin may read.
    /// </summary>
    [Fact]
    public async Task User_owned_resources_are_isolated_for_every_verb()
    {
        var owner = factory.CreateClient().As(Tokens.Create("owner-olga"));
        using var garmentForm = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "image", "g.png" } };
        var garment = (string)(await (await owner.PostAsync("/api/v1/garments/upload", garmentForm)).ReadObjectAsync())["id"]!;
        using var avatarForm = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(Fixtures.PersonSmall), "image/jpeg"), "image", "p.jpg" } };
        var avatar = (string)(await (await owner.PostAsync("/api/v1/avatars", avatarForm)).ReadObjectAsync())["id"]!;
        using var tryOn = await owner.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm());
        var result = (string)(await tryOn.ReadObjectAsync())["result_id"]!;

        HttpRequestMessage[] Own() =>
        [
            new(HttpMethod.Get, $"/api/v1/garments/{garment}"),
            new(HttpMethod.Patch, $"/api/v1/garments/{garment}") { Content = new StringContent("""{"name":"x"}""", System.Text.Encoding.UTF8, "application/json") },
            new(HttpMethod.Delete, $"/api/v1/garments/{garment}"),
            new(HttpMethod.Get, $"/api/v1/avatars/{avatar}"),
            new(HttpMethod.Delete, $"/api/v1/avatars/{avatar}"),
            new(HttpMethod.Delete, $"/api/v1/tryon/history/intruder-ivo/{result}"),
        ];

        var intruder = factory.CreateClient().As(Tokens.Create("intruder-ivo"));
        foreach (var request in Own())
        {
            using var response = await intruder.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{request.Method} {request.RequestUri}: {response.StatusCode}");
            Assert.Contains("RES_6001", body, StringComparison.Ordinal);
            Assert.DoesNotContain("owner-olga", body, StringComparison.Ordinal);
        }

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v1/wardrobe/owner-olga"), (HttpMethod.Get, "/api/v1/tryon/history/owner-olga"), (HttpMethod.Delete, $"/api/v1/tryon/history/owner-olga/{result}") })
        {
            using var request = new HttpRequestMessage(method, path);
            using var response = await intruder.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("AUTH_1004", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var anonymous = factory.CreateClient();
        foreach (var request in Own())
        {
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Nothing was changed by the attempts, and the owner and an admin still see everything.
        var admin = factory.CreateClient().As(Tokens.Create("root", admin: true));
        Assert.Single((await admin.GetObjectAsync("/api/v1/wardrobe/owner-olga"))["items"]!.AsArray());
        Assert.Single((await admin.GetObjectAsync("/api/v1/tryon/history/owner-olga"))["items"]!.AsArray());
        using var garmentAfter = await owner.GetAsync($"/api/v1/garments/{garment}");
        Assert.Null((await garmentAfter.ReadObjectAsync())["name"]);
        using var avatarAfter = await owner.GetAsync($"/api/v1/avatars/{avatar}");
        Assert.Equal(HttpStatusCode.OK, avatarAfter.StatusCode);
    }
}
