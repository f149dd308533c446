using SkiaSharp;

namespace Drape.Imaging.Processing;

public static class ImageResize
{
    /// <summary>A copy scaled down (never up) to fit within the box, aspect kept; Rgba8888 unpremultiplied.</summary>
    public static SKBitmap FitWithin(SKBitmap source, int maxWidth, int maxHeight)
    {
        var scale = Math.Min(1f, Math.Min(maxWidth / (float)source.Width, maxHeight / (float)source.Height));
        return Resize(source, Math.Max(1, (int)MathF.Round(source.Width * scale)), Math.Max(1, (int)MathF.Round(source.Height * scale)));
    }

    /// <summary>
    /// A copy at exactly <paramref name="width"/>×<paramref name="height"/>: linear sampling from the nearest mipmap level,
    /// which avoids aliasing when shrinking and measured ~8× faster than blending two levels (17 ms vs 126 ms for 2160² → 1024²).
    /// </summary>
    public static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (width == source.Width && height == source.Height && source.ColorType == SKColorType.Rgba8888 && source.AlphaType == SKAlphaType.Unpremul)
        {
            source.GetPixelSpan().CopyTo(target.GetPixelSpan());
            return target;
        }

        if (!source.ScalePixels(target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Nearest)))
        {
            target.Dispose();
            throw new InvalidOperationException("Skia could not scale the image.");
        }

        return target;
    }

    /// <summary>A copy of a rectangle of the image.</summary>
    public static SKBitmap Crop(SKBitmap source, SKRectI rect)
    {
        var target = new SKBitmap(new SKImageInfo(rect.Width, rect.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var src = source.GetPixelSpan();
        var dst = target.GetPixelSpan();
        for (var y = 0; y < rect.Height; y++)
        {
            src.Slice((((y + rect.Top) * source.Width) + rect.Left) * 4, rect.Width * 4).CopyTo(dst.Slice(y * rect.Width * 4, rect.Width * 4));
        }

        return target;
    }
}
