using System.Net;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Tests.TryOn;

public sealed class IdempotencyRaceTests
{
    [Fact]
    public async Task Simultaneous_first_uses_of_a_key_make_one_session()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        var client = factory.CreateClient();
        var person = Fixtures.Bytes(Fixtures.PersonSmall);
        var garment = Fixtures.Bytes(Fixtures.GarmentSmall);

        async Task<(HttpStatusCode Status, string? Id)> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tryon/sessions")
            {
                Content = new MultipartFormDataContent
                {
                    { Fixtures.File(person, "image/jpeg"), "person_image", "p.jpg" },
                    { Fixtures.File(garment, "image/png"), "garment_image", "g.png" },
                },
            };
            request.Headers.Add("Idempotency-Key", "checkout-42");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, (string?)(await response.ReadObjectAsync())["id"]);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(Post)));

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Accepted or HttpStatusCode.OK, r.Status.ToString()));
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, await factory.DbAsync(db => db.Jobs.CountAsync()));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(factory.BlobsDir, "jobs")));
    }

    [Fact]
    public async Task The_same_key_from_another_user_is_another_session()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0", ["Drape:Auth:JwtSecret"] = Tokens.Secret });
        async Task<string?> Post(string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tryon/sessions") { Content = Fixtures.TryOnForm() };
            request.Headers.Add("Idempotency-Key", "same-key");
            using var response = await factory.CreateClient().As(Tokens.Create(user)).SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (string?)(await response.ReadObjectAsync())["id"];
        }

        Assert.NotEqual(await Post("ann"), await Post("ben"));
    }
}
