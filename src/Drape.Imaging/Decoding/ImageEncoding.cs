using SkiaSharp;

namespace Drape.Imaging.Decoding;

/// <summary>Encodes bitmaps; the output carries no metadata (pixels only).</summary>
public static class ImageEncoding
{
    public static byte[] EncodePng(SKBitmap bitmap) => Encode(bitmap, SKEncodedImageFormat.Png, 100);

    public static byte[] EncodeWebp(SKBitmap bitmap, int quality = 85) => Encode(bitmap, SKEncodedImageFormat.Webp, quality);

    /// <summary>JPEG has no alpha: transparent areas are flattened onto white.</summary>
    public static byte[] EncodeJpeg(SKBitmap bitmap, int quality = 90)
    {
        using var flat = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(bitmap, 0, 0);
        }

        return Encode(flat, SKEncodedImageFormat.Jpeg, quality);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"Skia could not encode {format}.");
        return data.ToArray();
    }
}
