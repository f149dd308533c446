using System.Net.Http.Headers;
using Drape.Server.Storage;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Drape.Server.Tests.Wardrobe;

public sealed class StorageCheckTests(StorageCheckTests.Factory factory) : IClassFixture<StorageCheckTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Auth:JwtSecret"] = Tokens.Secret });

    [Fact]
    public async Task Finds_and_repairs_rows_without_files_and_files_without_rows()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create("kim-storage"));
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var form = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "image", "g.png" } };
            ids.Add((string)(await (await client.PostAsync("/api/v1/garments/upload", form)).ReadObjectAsync())["id"]!);
        }

        Assert.Empty((await RunAsync(repair: false)).Problems);

        // A lost thumbnail, and a stray old file nobody owns.
        var folder = Path.Combine(factory.BlobsDir, "garments", Guid.Parse(ids[0]).ToString("N"));
        File.Delete(Directory.GetFiles(folder, "thumbnail.webp*").Single());
        var strayFolder = Path.Combine(factory.BlobsDir, "avatars", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(strayFolder);
        var stray = Path.Combine(strayFolder, "image.png");
        await File.WriteAllBytesAsync(stray, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stray, DateTime.UtcNow.AddHours(-2));

        var found = await RunAsync(repair: false);
        Assert.Contains(found.Problems, p => p.Kind == "missing_blob" && p.Subject.Contains(ids[0], StringComparison.Ordinal));
        Assert.Contains(found.Problems, p => p.Kind == "orphan_blob" && p.Subject.StartsWith("avatars/", StringComparison.Ordinal));

        var repaired = await RunAsync(repair: true);
        Assert.Equal(repaired.Problems.Count, repaired.Repaired);
        Assert.False(File.Exists(stray));
        using var gone = await client.GetAsync($"/api/v1/garments/{ids[0]}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        using var kept = await client.GetAsync($"/api/v1/garments/{ids[1]}");
        Assert.Equal(System.Net.HttpStatusCode.OK, kept.StatusCode);

        // The repaired garment's other files went with it: the store is consistent again.
        Assert.Empty((await RunAsync(repair: false)).Problems);
        Assert.False(Directory.Exists(folder));
    }

    private async Task<StorageReport> RunAsync(bool repair)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorageCheck>().RunAsync(repair, default);
    }
}

/// <summary>The blob store failing mid-request: 503, nothing half-written, and the next request works once it is back.</summary>
public sealed class StorageOutageTests(StorageOutageTests.Factory factory) : IClassFixture<StorageOutageTests.Factory>
{
    public sealed class Factory() : DrapeFactory(new() { ["Drape:Auth:JwtSecret"] = Tokens.Secret });

    [Fact]
    public async Task An_upload_during_a_storage_outage_is_503_and_leaves_nothing()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create("lee-outage"));
        MultipartFormDataContent Form() => new() { { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "image", "g.png" } };

        // The garments folder becomes a plain file: every write under it fails, as on a full or unmounted disk.
        var garments = Path.Combine(factory.BlobsDir, "garments");
        if (Directory.Exists(garments))
        {
            Directory.Delete(garments, recursive: true);
        }

        Directory.CreateDirectory(factory.BlobsDir);
        await File.WriteAllTextAsync(garments, "not a folder");
        using (var failed = await client.PostAsync("/api/v1/garments/upload", Form()))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            var error = await failed.ReadObjectAsync();
            Assert.Equal("SYS_9003", (string?)error["error_code"]);
            Assert.DoesNotContain(factory.DataDir, error.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Empty((await client.GetObjectAsync("/api/v1/wardrobe/lee-outage"))["items"]!.AsArray());

        File.Delete(garments);
        using var recovered = await client.PostAsync("/api/v1/garments/upload", Form());
        Assert.Equal(System.Net.HttpStatusCode.Created, recovered.StatusCode);
        Assert.Single((await client.GetObjectAsync("/api/v1/wardrobe/lee-outage"))["items"]!.AsArray());
    }
}
