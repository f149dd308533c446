using System.ComponentModel.DataAnnotations;
using Drape.Imaging.Decoding;

namespace Drape.Server.Uploads;

/// <summary><c>Drape:Uploads</c>: the seed's FileValidator limits.</summary>
public sealed class UploadOptions
{
    public const string Section = "Drape:Uploads";

    [Range(1024, 100L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Decompression-bomb guard: more pixels than this is rejected from the header alone.</summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    [Range(16, 32768)]
    public int MaxSide { get; set; } = 8192;

    public ImageLimits Limits => new(MaxFileBytes, MaxPixels, MaxSide);
}
