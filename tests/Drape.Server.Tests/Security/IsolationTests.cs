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
}
