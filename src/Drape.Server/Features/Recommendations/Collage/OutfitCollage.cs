using Drape.Imaging.Decoding;
using Drape.Imaging.Processing;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Server.Features.Recommendations.Collage;

/// <summary>
/// One picture of the shopper and their wardrobe, for people and for a vision LLM: the photo on the left, wardrobe
/// items in a grid on the right with their category, the palette's best colours as a strip along the bottom. At most
/// 1024 px wide, PNG. Labels use DejaVu Sans when the system has it (Debian's fonts-dejavu-core), else are left out.
/// </summary>
public static class OutfitCollage
{
    public const int Width = 1024;
    public const int Height = 768;
    private const int Strip = 96;
    private const int Gap = 12;

    private static readonly Lazy<SKTypeface?> Font = new(() =>
    {
        const string path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        return File.Exists(path) ? SKTypeface.FromFile(path) : null;
    });

    public static byte[] Render(SKBitmap photo, IReadOnlyList<(SKBitmap Image, string Label)> wardrobe, Palette palette)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(0xF7, 0xF5, 0xF2));
        var photoArea = SKRect.Create(Gap, Gap, wardrobe.Count == 0 ? Width - (2 * Gap) : (Width / 2) - (1.5f * Gap), Height - Strip - (2 * Gap));
        DrawFitted(canvas, photo, photoArea);
        Label(canvas, "you", photoArea);

        if (wardrobe.Count > 0)
        {
            var columns = wardrobe.Count <= 4 ? 2 : 3;
            var rows = (int)Math.Ceiling(wardrobe.Count / (double)columns);
            var left = photoArea.Right + Gap;
            var cellWidth = (Width - left - Gap - ((columns - 1) * Gap)) / columns;
            var cellHeight = (photoArea.Height - ((rows - 1) * Gap)) / rows;
            for (var i = 0; i < wardrobe.Count; i++)
            {
                var cell = SKRect.Create(left + (i % columns * (cellWidth + Gap)), Gap + (i / columns * (cellHeight + Gap)), cellWidth, cellHeight);
                using var white = new SKPaint { Color = SKColors.White };
                canvas.DrawRect(cell, white);
                DrawFitted(canvas, wardrobe[i].Image, cell);
                Label(canvas, wardrobe[i].Label, cell);
            }
        }

        var swatches = palette.Best.Take(10).ToList();
        var swatchWidth = (Width - (2 * Gap)) / (float)Math.Max(1, swatches.Count);
        for (var i = 0; i < swatches.Count; i++)
        {
            var rect = SKRect.Create(Gap + (i * swatchWidth), Height - Strip, swatchWidth - 4, Strip - Gap - 22);
            using var fill = new SKPaint { Color = SKColor.Parse(swatches[i].Hex) };
            canvas.DrawRect(rect, fill);
            Text(canvas, swatches[i].Name, rect.Left, rect.Bottom + 16, 13, SKColors.DimGray);
        }

        return ImageEncoding.EncodePng(bitmap);
    }

    private static void DrawFitted(SKCanvas canvas, SKBitmap image, SKRect area)
    {
        var scale = Math.Min(area.Width / image.Width, area.Height / image.Height);
        var (w, h) = (image.Width * scale, image.Height * scale);
        using var scaled = ImageResize.Resize(image, Math.Max(1, (int)w), Math.Max(1, (int)h));
        canvas.DrawBitmap(scaled, area.Left + ((area.Width - w) / 2), area.Top + ((area.Height - h) / 2));
    }

    private static void Label(SKCanvas canvas, string text, SKRect area)
    {
        using var band = new SKPaint { Color = new SKColor(0, 0, 0, 140) };
        canvas.DrawRect(SKRect.Create(area.Left, area.Bottom - 24, area.Width, 24), band);
        Text(canvas, text, area.Left + 8, area.Bottom - 7, 15, SKColors.White);
    }

    private static void Text(SKCanvas canvas, string text, float x, float y, float size, SKColor colour)
    {
        if (Font.Value is not { } typeface)
        {
            return;
        }

        using var font = new SKFont(typeface, size);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }
}
