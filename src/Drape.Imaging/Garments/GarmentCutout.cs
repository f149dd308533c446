using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Garments;

/// <summary>A garment cut out of its product photo: cropped to the garment, alpha = <see cref="Mask"/>.</summary>
/// <param name="SourceBounds">Where the crop was in the product photo.</param>
/// <param name="FromAlpha">Whether the photo's own transparency gave the mask (else: background estimation).</param>
public sealed record GarmentCutout(SKBitmap Image, Mask Mask, SKRectI SourceBounds, bool FromAlpha) : IDisposable
{
    /// <summary>Width over height of the garment.</summary>
    public float Aspect => Image.Width / (float)Image.Height;

    public void Dispose() => Image.Dispose();
}
