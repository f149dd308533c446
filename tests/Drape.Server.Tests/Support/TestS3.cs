using Drape.Server.Storage;

namespace Drape.Server.Tests.Support;

/// <summary>
/// The S3-protocol server the storage tests talk to: <c>DRAPE_TEST_S3</c> (an endpoint, e.g. <c>http://127.0.0.1:4568</c>)
/// with the buckets <c>drape-test</c> and <c>drape-test-results</c>, credentials <c>S3RVER</c>/<c>S3RVER</c>.
/// <c>scripts/test.sh</c> starts s3rver so; without the variable these tests have nothing to talk to and pass without checking.
/// Every test gets its own key prefix, so tests never see each other's objects.
/// </summary>
internal static class TestS3
{
    public const string Bucket = "drape-test";
    public const string ResultsBucket = "drape-test-results";

    public static string? Endpoint => Environment.GetEnvironmentVariable("DRAPE_TEST_S3");

    public static S3BlobOptions Options(string? endpoint = null) => new()
    {
        ServiceUrl = endpoint ?? Endpoint,
        Bucket = Bucket,
        Buckets = new() { ["results"] = ResultsBucket },
        Prefix = $"t{Guid.NewGuid():N}/",
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
        TimeoutSeconds = 5,
    };

    /// <summary>Server settings for <c>Drape:Blobs:Provider=s3</c> on the test server.</summary>
    public static Dictionary<string, string?> Settings(S3BlobOptions options) => new()
    {
        ["Drape:Blobs:Provider"] = "s3",
        ["Drape:Blobs:S3:ServiceUrl"] = options.ServiceUrl,
        ["Drape:Blobs:S3:Bucket"] = options.Bucket,
        ["Drape:Blobs:S3:Buckets:results"] = ResultsBucket,
        ["Drape:Blobs:S3:Prefix"] = options.Prefix,
        ["Drape:Blobs:S3:AccessKey"] = options.AccessKey,
        ["Drape:Blobs:S3:SecretKey"] = options.SecretKey,
        ["Drape:Blobs:S3:TimeoutSeconds"] = options.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
