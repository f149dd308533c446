using SkiaSharp;

namespace Drape.Imaging.Processing;

/// <summary>Images scaled to one height and laid left to right on white (person | garment | result).</summary>
public static class SideBySide
{
    public static SKBitmap Compose(int height, params SKBitmap[] images)
    {
        const int Gap = 8;
        var widths = images.Select(i => Math.Max(1, (int)MathF.Round(i.Width * height / (float)i.Height))).ToArray();
        var result = new SKBitmap(new SKImageInfo(widths.Sum() + (Gap * (images.Length - 1)), height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint();
        var x = 0;
        for (var i = 0; i < images.Length; i++)
        {
            using var image = SKImage.FromBitmap(images[i]);
            canvas.DrawImage(image, SKRect.Create(x, 0, widths[i], height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
            x += widths[i] + Gap;
        }

        canvas.Flush();
        return result;
    }
}
