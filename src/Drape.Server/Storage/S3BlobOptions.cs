using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Storage;

/// <summary>
/// <c>Drape:Blobs:S3</c>: an S3-compatible object store (AWS S3, MinIO, Supabase Storage's S3 endpoint, …) for
/// <c>Drape:Blobs:Provider=s3</c>.
/// </summary>
public sealed class S3BlobOptions
{
    /// <summary>The endpoint, e.g. <c>http://minio:9000</c> or <c>https://PROJECT.supabase.co/storage/v1/s3</c>; empty for AWS itself.</summary>
    [Url]
    public string? ServiceUrl { get; set; }

    /// <summary>The endpoint clients reach for presigned URLs when it differs from <see cref="ServiceUrl"/> (e.g. behind a proxy).</summary>
    [Url]
    public string? PublicServiceUrl { get; set; }

    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>The bucket for every blob whose area has no bucket of its own in <see cref="Buckets"/>.</summary>
    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "must be a valid S3 bucket name")]
    public string? Bucket { get; set; }

    /// <summary>
    /// Optional bucket per area, as the seed's buckets: keys are the first path segment of a blob key (<c>results</c>,
    /// <c>garments</c>, <c>avatars</c>, <c>jobs</c>, <c>tmp</c>, <c>analysis</c>, <c>catalog</c>).
    /// </summary>
    public Dictionary<string, string> Buckets { get; set; } = [];

    /// <summary>Prepended to every object key (e.g. <c>drape/</c>), so one bucket can hold several installations.</summary>
    [RegularExpression("^([a-z0-9][a-z0-9_.-]*/)*$", ErrorMessage = "must be lower-case path segments, each ending with '/'")]
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Access key id; with <see cref="SecretKey"/> empty too, the AWS default credential chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which MinIO, s3rver and Supabase need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Hand out presigned GET URLs of the object store; when false, signed <c>/files</c> URLs served through Drape.</summary>
    public bool PresignedUrls { get; set; } = true;

    /// <summary>Blobs at least this large are uploaded in parts (multipart upload).</summary>
    [Range(5, 5 * 1024)]
    public int MultipartThresholdMb { get; set; } = 16;

    /// <summary>The size of each part of a multipart upload (S3's minimum is 5 MB).</summary>
    [Range(5, 5 * 1024)]
    public int PartSizeMb { get; set; } = 8;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
