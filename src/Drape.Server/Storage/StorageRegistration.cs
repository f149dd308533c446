using System.ComponentModel.DataAnnotations;
using Drape.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Drape.Server.Storage;

/// <summary><c>Drape:Blobs</c>.</summary>
public sealed class BlobOptions
{
    public const string Section = "Drape:Blobs";

    [RegularExpression("^(local)$", ErrorMessage = "must be 'local' (S3 support is not built yet)")]
    public string Provider { get; set; } = "local";

    /// <summary>Folder of the local store; defaults to <c>&lt;DataDir&gt;/blobs</c>.</summary>
    public string? Path { get; set; }
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
            var drape = sp.GetRequiredService<IOptions<DrapeOptions>>().Value;
            return new LocalBlobStore(blobs.Path ?? System.IO.Path.Combine(drape.DataDirFullPath, "blobs"));
        });
        services.AddSingleton<FileUrlSigner>();
        return services;
    }
}
