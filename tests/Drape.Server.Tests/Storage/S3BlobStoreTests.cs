using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Drape.Server.Storage;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Drape.Server.Tests.Storage;

/// <summary>The S3 blob store against a real S3-protocol server (s3rver; see <see cref="TestS3"/>).</summary>
public sealed class S3BlobStoreTests : IDisposable
{
    private readonly S3BlobOptions _options = TestS3.Options();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly S3BlobStore _store;

    public S3BlobStoreTests() => _store = new S3BlobStore(_options, _time);

    public void Dispose() => _store.Dispose();

    private static bool Skip => TestS3.Endpoint is null;

    [Fact]
    public async Task Put_read_exists_list_and_delete_round_trip()
    {
        if (Skip)
        {
            return;
        }

        var id = Guid.CreateVersion7();
        var person = BlobKeys.JobFile(id, "person.png");
        var garment = BlobKeys.JobFile(id, "garment.jpg");
        await _store.PutAsync(person, "pixels"u8.ToArray(), "image/png", default);
        await _store.PutAsync(garment, new byte[] { 1, 2, 3 }, "image/jpeg", default);

        await using (var blob = await _store.OpenReadAsync(person, default))
        {
            Assert.NotNull(blob);
            Assert.Equal("image/png", blob.ContentType);
            Assert.Equal(6, blob.Length);
            using var copy = new MemoryStream();
            await blob.Stream.CopyToAsync(copy);
            Assert.Equal("pixels"u8.ToArray(), copy.ToArray());
        }

        Assert.True(await _store.ExistsAsync(person, default));
        var listed = await _store.ListAsync(BlobKeys.JobsPrefix, default).ToListAsync();
        Assert.Equal([garment, person], listed.Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, b => Assert.True(b.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.Equal(2, await _store.DeletePrefixAsync(BlobKeys.JobFolder(id), default));
        Assert.Null(await _store.OpenReadAsync(person, default));
        Assert.False(await _store.ExistsAsync(garment, default));
        Assert.Empty(await _store.ListAsync(BlobKeys.JobsPrefix, default).ToListAsync());
    }

    [Fact]
    public async Task A_missing_blob_reads_as_null_and_deletes_as_false()
    {
        if (Skip)
        {
            return;
        }

        Assert.Null(await _store.OpenReadAsync("results/none.png", default));
        Assert.False(await _store.DeleteAsync("results/none.png", default));
        Assert.Equal(0, await _store.DeletePrefixAsync("jobs/none/", default));
    }

    [Fact]
    public async Task Each_area_goes_to_its_own_bucket_under_the_prefix()
    {
        if (Skip)
        {
            return;
        }

        var result = BlobKeys.Result(Guid.CreateVersion7(), "png");
        var temp = BlobKeys.Temp(Guid.CreateVersion7(), "upload.png");
        await _store.PutAsync(result, new byte[] { 9 }, "image/png", default);
        await _store.PutAsync(temp, new byte[] { 8 }, "image/png", default);

        using var s3 = RawClient();
        Assert.Equal(HttpStatusCode.OK, (await s3.GetObjectMetadataAsync(TestS3.ResultsBucket, _options.Prefix + result)).HttpStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s3.GetObjectMetadataAsync(TestS3.Bucket, _options.Prefix + temp)).HttpStatusCode);
        var inDefault = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = TestS3.Bucket, Prefix = _options.Prefix + "results/" });
        Assert.Empty(inDefault.S3Objects ?? []);
        Assert.Equal(result, Assert.Single(await _store.ListAsync(BlobKeys.ResultsPrefix, default).ToListAsync()).Key);
    }

    [Fact]
    public async Task A_large_blob_goes_up_in_parts_and_comes_back_whole()
    {
        if (Skip)
        {
            return;
        }

        using var store = new S3BlobStore(Copy(_options, multipartMb: 5, partMb: 5), _time);
        var data = new byte[(12 * 1024 * 1024) + 123];
        new Random(7).NextBytes(data);
        var key = BlobKeys.GarmentFile(Guid.CreateVersion7(), "original.jpg");
        await store.PutAsync(key, data, "image/jpeg", default);

        await using var blob = await store.OpenReadAsync(key, default);
        Assert.NotNull(blob);
        Assert.Equal(data.Length, blob.Length);
        using var copy = new MemoryStream();
        await blob.Stream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());

    }

    [Fact]
    public async Task A_presigned_url_serves_the_blob_until_it_expires()
    {
        if (Skip)
        {
            return;
        }

        var key = BlobKeys.Result(Guid.CreateVersion7(), "png");
        await _store.PutAsync(key, "result"u8.ToArray(), "image/png", default);
        var url = _store.Presign(key, TimeSpan.FromMinutes(10));
        Assert.StartsWith($"{TestS3.Endpoint}/{TestS3.ResultsBucket}/", url, StringComparison.Ordinal);

        using var http = new HttpClient();
        Assert.Equal("result"u8.ToArray(), await http.GetByteArrayAsync(url));
        Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal); // (s3rver checks expiry but not signatures; AWS and MinIO check both)

        var shortLived = _store.Presign(key, TimeSpan.FromSeconds(1)); // the SDK signs on its own clock: wait it out
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var expired = await http.GetAsync(shortLived);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_fails_as_unavailable()
    {
        using var down = new S3BlobStore(TestS3.Options($"http://127.0.0.1:{DrapeProcess.FreePort()}"), _time);
        await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => down.PutAsync("tmp/x/upload.png", new byte[] { 1 }, "image/png", default));
        await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => down.OpenReadAsync("tmp/x/upload.png", default));
        await Assert.ThrowsAsync<BlobStoreUnavailableException>(async () => await down.ListAsync("tmp/", default).ToListAsync());
    }

    [Fact]
    public async Task A_missing_bucket_is_a_clear_unavailable_error()
    {
        if (Skip)
        {
            return;
        }

        var options = TestS3.Options();
        options.Bucket = "no-such-bucket-here";
        using var store = new S3BlobStore(options, _time);
        var error = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.PutAsync("tmp/x/upload.png", new byte[] { 1 }, "image/png", default));
        Assert.Contains("NoSuchBucket", error.Message, StringComparison.Ordinal);
    }

    private static S3BlobOptions Copy(S3BlobOptions o, int multipartMb, int partMb) => new()
    {
        ServiceUrl = o.ServiceUrl, Bucket = o.Bucket, Buckets = o.Buckets, Prefix = o.Prefix, AccessKey = o.AccessKey, SecretKey = o.SecretKey,
        MultipartThresholdMb = multipartMb, PartSizeMb = partMb,
    };

    private static AmazonS3Client RawClient() => new(new Amazon.Runtime.BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
    {
        ServiceURL = TestS3.Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
    });
}
