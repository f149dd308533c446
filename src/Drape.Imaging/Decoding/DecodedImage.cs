using SkiaSharp;

namespace Drape.Imaging.Decoding;

/// <summary>An upright (EXIF-oriented), metadata-free RGBA image decoded from an upload.</summary>
public sealed record DecodedImage(SKBitmap Bitmap, ImageFormatKind Format, int Width, int Height) : IDisposable
{
    public void Dispose() => Bitmap.Dispose();
}
