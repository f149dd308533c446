using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Features.TryOn;

/// <summary><c>Drape:TryOn</c>: output framing of the try-on result.</summary>
public sealed class TryOnOptions
{
    public const string Section = "Drape:TryOn";

    [Range(64, 4096)]
    public int MaxWidth { get; set; } = 768;

    [Range(64, 4096)]
    public int MaxHeight { get; set; } = 1024;
}
