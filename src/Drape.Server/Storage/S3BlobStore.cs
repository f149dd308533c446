using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Drape.Server.Storage;

/// <summary>
/// Blobs in an S3-compatible object store. Each key's area (its first segment) picks the bucket
/// (<see cref="S3BlobOptions.Buckets"/>, else <see cref="S3BlobOptions.Bucket"/>); the object key is the blob key under
/// <see cref="S3BlobOptions.Prefix"/>. Large blobs go up in parts; clients get presigned GET URLs.
/// Transport failures and the store's 5xx answers surface as <see cref="BlobStoreUnavailableException"/>.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IPresigningBlobStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly IAmazonS3 _presigner;
    private readonly S3BlobOptions _options;
    private readonly TimeProvider _time;

    public S3BlobStore(S3BlobOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _s3 = CreateClient(options, options.ServiceUrl);
        _presigner = options.PublicServiceUrl is { Length: > 0 } publicUrl ? CreateClient(options, publicUrl) : _s3;
    }

    public bool PresignsUrls => _options.PresignedUrls;

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
    {
        var (bucket, objectKey) = Locate(key);
        var partSize = _options.PartSizeMb * 1024 * 1024;
        await Guard(async () =>
        {
            if (data.Length < _options.MultipartThresholdMb * 1024L * 1024L)
            {
                using var body = AsStream(data);
                await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = objectKey, InputStream = body, ContentType = contentType, UseChunkEncoding = false, AutoCloseStream = false }, cancellationToken);
                return true;
            }

            await PutMultipartAsync(bucket, objectKey, data, contentType, partSize, cancellationToken);
            return true;
        });
    }

    /// <summary>Parts of <paramref name="partSize"/> bytes; on any failure the upload is aborted so no parts linger.</summary>
    private async Task PutMultipartAsync(string bucket, string objectKey, ReadOnlyMemory<byte> data, string contentType, int partSize, CancellationToken cancellationToken)
    {
        var started = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = objectKey, ContentType = contentType }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (int offset = 0, number = 1; offset < data.Length; offset += partSize, number++)
            {
                var slice = data.Slice(offset, Math.Min(partSize, data.Length - offset));
                using var body = AsStream(slice);
                var part = await _s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = objectKey, UploadId = started.UploadId, PartNumber = number, PartSize = slice.Length, InputStream = body, UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(number, part.ETag));
            }

            await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = objectKey, UploadId = started.UploadId, PartETags = parts }, cancellationToken);
        }
        catch
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = objectKey, UploadId = started.UploadId }, CancellationToken.None);
            throw;
        }
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var (bucket, objectKey) = Locate(key);
        return Guard(async () =>
        {
            try
            {
                var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = objectKey }, cancellationToken);
                return new BlobContent(response.ResponseStream, response.ContentLength, BlobKeys.ContentTypeFor(key));
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return (BlobContent?)null;
            }
        });
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var (bucket, objectKey) = Locate(key);
        return Guard(async () =>
        {
            try
            {
                await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = objectKey }, cancellationToken);
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        });
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        var (bucket, objectKey) = Locate(key);
        return await Guard(async () =>
        {
            await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = objectKey }, cancellationToken);
            return true;
        });
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException("A prefix must end with '/'.", nameof(prefix));
        }

        var keys = new List<string>();
        await foreach (var blob in ListAsync(prefix, cancellationToken))
        {
            keys.Add(blob.Key);
        }

        var (bucket, _) = Locate(prefix);
        foreach (var chunk in keys.Chunk(1000))
        {
            await Guard(async () =>
            {
                var request = new DeleteObjectsRequest { BucketName = bucket, Objects = chunk.Select(k => new KeyVersion { Key = _options.Prefix + k }).ToList() };
                await _s3.DeleteObjectsAsync(request, cancellationToken);
                return true;
            });
        }

        return keys.Count;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (bucket, objectPrefix) = Locate(prefix, allowPrefix: true);
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = bucket, Prefix = objectPrefix, ContinuationToken = continuation };
            var page = await Guard(() => _s3.ListObjectsV2Async(request, cancellationToken));
            foreach (var item in page.S3Objects ?? [])
            {
                var key = item.Key[_options.Prefix.Length..];
                if (BlobKeys.IsValid(key)) // objects that Drape did not write are not blobs
                {
                    yield return new BlobInfo(key, item.Size ?? 0, item.LastModified is { } modified ? new DateTimeOffset(DateTime.SpecifyKind(modified.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue);
                }
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }

    public string Presign(string key, TimeSpan lifetime)
    {
        var (bucket, objectKey) = Locate(key);
        var endpoint = _options.PublicServiceUrl ?? _options.ServiceUrl;
        return _presigner.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = objectKey,
            Verb = HttpVerb.GET,
            Expires = _time.GetUtcNow().Add(lifetime).UtcDateTime,
            Protocol = endpoint is not null && endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });
    }

    public void Dispose()
    {
        _s3.Dispose();
        if (!ReferenceEquals(_presigner, _s3))
        {
            _presigner.Dispose();
        }
    }

    private (string Bucket, string ObjectKey) Locate(string key, bool allowPrefix = false)
    {
        if (!(allowPrefix && key.Length == 0))
        {
            BlobKeys.EnsureValid(key);
        }

        var area = key.Split('/', 2)[0];
        var bucket = _options.Buckets.TryGetValue(area, out var own) ? own : _options.Bucket!;
        return (bucket, _options.Prefix + key);
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    /// <summary>Runs one store call; a network failure, a timeout or a 5xx becomes <see cref="BlobStoreUnavailableException"/>.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode >= 500 || e.StatusCode == 0)
        {
            throw new BlobStoreUnavailableException($"The object store failed ({(int)e.StatusCode} {e.ErrorCode}).", e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NoSuchBucket" or "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch")
        {
            throw new BlobStoreUnavailableException($"The object store refused the request ({e.ErrorCode}); check Drape:Blobs:S3.", e);
        }
        catch (Exception e) when (e is HttpRequestException or AmazonClientException or TimeoutException || e is TaskCanceledException && e.InnerException is TimeoutException)
        {
            throw new BlobStoreUnavailableException("The object store could not be reached.", e);
        }
    }

    private static AmazonS3Client CreateClient(S3BlobOptions options, string? serviceUrl)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            MaxErrorRetry = 2,
            // Plain checksums only where S3 requires them: S3-compatible servers do not all take the newer trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (serviceUrl is { Length: > 0 })
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { Length: > 0 } && options.SecretKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }
}
