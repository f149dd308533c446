using SkiaSharp;

namespace Drape.Imaging.Tests;

internal static class Fixtures
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>A fixture as an Rgba8888, unpremultiplied bitmap (the layout every Drape.Imaging API takes).</summary>
    public static SKBitmap Load(string relative)
    {
        using var decoded = SKBitmap.Decode(PathOf(relative)) ?? throw new InvalidOperationException($"cannot decode {relative}");
        var bitmap = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        decoded.CopyTo(bitmap, SKColorType.Rgba8888);
        if (!decoded.CopyTo(bitmap))
        {
            using var canvas = new SKCanvas(bitmap);
            canvas.DrawBitmap(decoded, 0, 0);
        }

        return bitmap;
    }

    public static SKBitmap Solid(int width, int height, SKColor color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        return bitmap;
    }
}
