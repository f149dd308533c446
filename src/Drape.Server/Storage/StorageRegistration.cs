using System.ComponentModel.DataAnnotations;
using Drape.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Drape.Server.Storage;

/// <summary><c>Drape:Blobs</c>: where uploads, results and saved images live.</summary>
public sealed class BlobOptions : IValidatableObject
{
    public const string Section = "Drape:Blobs";

    private static readonly string[] Areas = ["jobs", "results", "tmp", "analysis", "garments", "avatars", "catalog"];

    /// <summary><c>local</c> (a folder) or <c>s3</c> (an S3-compatible object store, <see cref="S3"/>).</summary>
    [RegularExpression("^(local|s3)$", ErrorMessage = "must be 'local' or 's3'")]
    public string Provider { get; set; } = "local";

    /// <summary>Folder of the local store; defaults to <c>&lt;DataDir&gt;/blobs</c>.</summary>
    public string? Path { get; set; }

    public S3BlobOptions S3 { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != "s3")
        {
            yield break;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(S3, new ValidationContext(S3), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(m => $"S3:{m}"));
        }

        if (string.IsNullOrEmpty(S3.Bucket))
        {
            yield return new ValidationResult("is required when Provider is s3", ["S3:Bucket"]);
        }

        foreach (var area in S3.Buckets.Keys.Where(a => !Areas.Contains(a)))
        {
            yield return new ValidationResult($"'{area}' is not a blob area (use {string.Join(", ", Areas)})", ["S3:Buckets"]);
        }

        if (string.IsNullOrEmpty(S3.AccessKey) != string.IsNullOrEmpty(S3.SecretKey))
        {
            yield return new ValidationResult("give both AccessKey and SecretKey, or neither (the AWS default credentials)", ["S3:AccessKey"]);
        }
    }
}

public static class StorageRegistration
{
    public static IServiceCollection AddBlobStorage(this IServiceCollection services)
    {
        services.AddDrapeOptions<BlobOptions>(BlobOptions.Section);
        services.AddDrapeOptions<FileUrlOptions>(FileUrlOptions.Section);
        services.AddSingleton<IBlobStore>(sp =>
        {
            var blobs = sp.GetRequiredService<IOptions<BlobOptions>>().Value;
            if (blobs.Provider == "s3")
            {
                return new S3BlobStore(blobs.S3, sp.GetRequiredService<TimeProvider>());
            }

            var drape = sp.GetRequiredService<IOptions<DrapeOptions>>().Value;
            return new LocalBlobStore(blobs.Path ?? System.IO.Path.Combine(drape.DataDirFullPath, "blobs"));
        });
        services.AddSingleton<FileUrlSigner>();
        return services;
    }
}
