using Drape.Testing;
using SkiaSharp;

namespace Drape.Imaging.Tests;

internal static class Fixtures
{
    public static byte[] Bytes(string relative) => TestAssets.FixtureBytes(relative);

    public static SKBitmap Load(string relative) => TestAssets.LoadFixture(relative);

    public static SKBitmap Solid(int width, int height, SKColor color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        return bitmap;
    }
}
