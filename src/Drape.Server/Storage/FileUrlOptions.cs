using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Storage;

/// <summary><c>Drape:Files</c>: signed, time-limited URLs for blobs in the local store.</summary>
public sealed class FileUrlOptions
{
    public const string Section = "Drape:Files";

    /// <summary>HMAC key (base64, ≥ 32 bytes). When empty, one is generated and kept in <c>&lt;DataDir&gt;/keys</c>.</summary>
    public string? SigningKey { get; set; }

    [Range(1, 7 * 24 * 60)]
    public int UrlLifetimeMinutes { get; set; } = 60;

    /// <summary>Base of absolute URLs (e.g. <c>https://drape.example.com</c>); when empty, the request's own scheme and host.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
