using System.Net;
using System.Net.Http.Headers;
using Drape.Server.Tests.Support;
using SkiaSharp;

namespace Drape.Server.Tests.Storage;

/// <summary>The server on <c>Drape:Blobs:Provider=s3</c> against a real S3-protocol server: results come as presigned URLs.</summary>
public sealed class S3ServerTests
{
    [Fact]
    public async Task A_try_on_result_is_stored_in_the_bucket_and_handed_out_as_a_presigned_url()
    {
        if (TestS3.Endpoint is null)
        {
            return;
        }

        var s3 = TestS3.Options();
        await using var factory = new DrapeFactory(new(TestS3.Settings(s3)) { ["Drape:Auth:JwtSecret"] = Tokens.Secret });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create("sam-s3"));

        using var response = await client.PostAsync("/api/v1/process-tryon", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (string)(await response.ReadObjectAsync())["image_url"]!;
        Assert.StartsWith($"{TestS3.Endpoint}/{TestS3.ResultsBucket}/{s3.Prefix}results/", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var image = SKBitmap.Decode(await http.GetByteArrayAsync(url));
        Assert.NotNull(image);

        // The history lists it with a presigned URL too, and erasing the user empties the bucket of it.
        var history = await client.GetObjectAsync("/api/v1/tryon/history/sam-s3");
        Assert.StartsWith(TestS3.Endpoint, (string)history["items"]!.AsArray()[0]!["image_url"]!, StringComparison.Ordinal);
        using var erased = await client.DeleteAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        using var gone = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        var health = await client.GetObjectAsync("/api/v1/health");
        Assert.Equal("S3BlobStore", (string?)health["checks"]!["storage"]!["details"]!["provider"]);
    }

    [Fact]
    public async Task With_the_object_store_down_an_upload_is_503_and_leaves_no_row()
    {
        var s3 = TestS3.Options($"http://127.0.0.1:{DrapeProcess.FreePort()}");
        await using var factory = new DrapeFactory(new(TestS3.Settings(s3)) { ["Drape:Auth:JwtSecret"] = Tokens.Secret, ["Drape:Workers:Count"] = "0" });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create("sky-s3"));

        using var session = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, session.StatusCode);
        Assert.Equal("EXT_5003", (string?)(await session.ReadObjectAsync())["error_code"]);

        var form = new MultipartFormDataContent { { Fixtures.File(Fixtures.Bytes(Fixtures.GarmentSmall), "image/png"), "image", "tee.png" } };
        using var garment = await client.PostAsync("/api/v1/garments/upload", form);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, garment.StatusCode);
        Assert.Empty((await client.GetObjectAsync("/api/v1/wardrobe/sky-s3"))["items"]!.AsArray());
        Assert.Equal(0, await factory.DbAsync(db => Task.FromResult(db.Jobs.Count())));
    }
}
