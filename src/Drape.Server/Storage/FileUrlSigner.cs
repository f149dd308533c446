using System.Security.Cryptography;
using System.Text;
using Drape.Server.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Drape.Server.Storage;

/// <summary>
/// Makes and checks <c>/files/{key}?exp=&amp;sig=</c> URLs (HMAC-SHA256 over the key and the expiry), or hands out the
/// object store's own presigned URLs when the store makes them (S3 with <c>PresignedUrls</c>).
/// </summary>
public sealed class FileUrlSigner
{
    private readonly byte[] _key;
    private readonly FileUrlOptions _options;
    private readonly TimeProvider _time;
    private readonly IPresigningBlobStore? _presigner;

    public FileUrlSigner(IOptions<FileUrlOptions> options, IOptions<DrapeOptions> drape, TimeProvider time, IBlobStore blobs)
    {
        _options = options.Value;
        _time = time;
        _presigner = blobs is IPresigningBlobStore { PresignsUrls: true } presigner ? presigner : null;
        _key = KeyMaterial.GetOrCreate(_options.SigningKey, drape.Value.KeysDir, "files-signing");
    }

    /// <summary>A path-and-query URL (<c>/files/…</c>), valid for the configured lifetime.</summary>
    public string SignPath(string key)
    {
        var expires = _time.GetUtcNow().AddMinutes(_options.UrlLifetimeMinutes).ToUnixTimeSeconds();
        return $"/files/{key}?exp={expires}&sig={Signature(key, expires)}";
    }

    /// <summary>
    /// An absolute URL valid for the configured lifetime: the object store's presigned URL, or Drape's own <c>/files</c>
    /// URL based on <see cref="FileUrlOptions.PublicBaseUrl"/> or the current request.
    /// </summary>
    public string SignUrl(string key, HttpRequest? request)
    {
        if (_presigner is not null)
        {
            return _presigner.Presign(key, TimeSpan.FromMinutes(_options.UrlLifetimeMinutes));
        }

        var path = SignPath(key);
        var baseUrl = _options.PublicBaseUrl?.TrimEnd('/') ?? (request is null ? string.Empty : $"{request.Scheme}://{request.Host}{request.PathBase}");
        return baseUrl + path;
    }

    public bool IsValid(string key, long expires, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || expires < _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(key, expires));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private string Signature(string key, long expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{key}\n{expires}"));
        return WebEncoders.Base64UrlEncode(mac);
    }
}
