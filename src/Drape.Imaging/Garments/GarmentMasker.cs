using Drape.Errors;
using Drape.Imaging.Color;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using SkiaSharp;

namespace Drape.Imaging.Garments;

/// <summary>
/// Cuts a garment out of its product photo. A photo with real transparency gives its alpha. Otherwise the
/// background is estimated from a border strip (median CIELAB colour and its spread), pixels far enough from it
/// are garment, and morphology (close, open), the largest component and hole filling clean the mask. The mask
/// maths run at ≤ 384 px for speed and the mask is scaled back up.
/// </summary>
public static class GarmentMasker
{
    private const int WorkingSide = 384;

    public static GarmentCutout Extract(SKBitmap photo)
    {
        var fromAlpha = HasTransparency(photo);
        var mask = fromAlpha ? AlphaMask(photo) : BackgroundMask(photo);
        var bounds = mask.Bounds();
        if (bounds.IsEmpty || mask.Area() < photo.Width * photo.Height / 100)
        {
            throw new DrapeException(ErrorCodes.BadInput, 422, "No garment could be found in garment_image: it looks like an empty or uniform background.",
                new Dictionary<string, object?> { ["field"] = "garment_image" });
        }

        var image = ImageResize.Crop(photo, bounds);
        var cropped = mask.Crop(bounds);
        cropped.ApplyAsAlpha(image);
        return new GarmentCutout(image, cropped, bounds, fromAlpha);
    }

    /// <summary>More than 1% of the pixels clearly transparent.</summary>
    internal static bool HasTransparency(SKBitmap photo)
    {
        var pixels = photo.GetPixelSpan();
        var transparent = 0;
        for (var i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] < 250)
            {
                transparent++;
            }
        }

        return transparent > photo.Width * photo.Height / 100;
    }

    /// <summary>Alpha below this is a drop shadow or halo, not cloth.</summary>
    private const byte ShadowAlpha = 64;

    private static Mask AlphaMask(SKBitmap photo)
    {
        var mask = Mask.FromAlpha(photo);
        var keep = mask.Clone().Threshold(128).LargestComponent().Dilate(2);
        for (var i = 0; i < mask.Data.Length; i++)
        {
            // Keep the soft alpha of the main garment's edge; drop shadows and stray specks.
            if (keep.Data[i] == 0 || mask.Data[i] < ShadowAlpha)
            {
                mask.Data[i] = 0;
            }
        }

        return mask;
    }

    private static Mask BackgroundMask(SKBitmap photo)
    {
        var scale = Math.Min(1f, WorkingSide / (float)Math.Max(photo.Width, photo.Height));
        using var small = scale < 1f ? ImageResize.Resize(photo, Math.Max(1, (int)(photo.Width * scale)), Math.Max(1, (int)(photo.Height * scale))) : null;
        var work = small ?? photo;
        var lab = ToLab(work);
        var (background, spread) = BorderStatistics(lab, work.Width, work.Height);
        // A clean studio background has almost no spread, so the floor is low enough for a white garment on white
        // (its folds and seams are a few ΔE off); noisy backgrounds raise the threshold with their spread.
        var threshold = Math.Max(4f, (3f * spread) + 3f);

        var mask = new Mask(work.Width, work.Height);
        for (var i = 0; i < lab.Length; i++)
        {
            mask.Data[i] = ColorSpaces.DeltaE76(lab[i], background) > threshold ? (byte)255 : (byte)0;
        }

        var radius = Math.Max(1, Math.Max(work.Width, work.Height) / 200);
        mask.Close(radius * 2).Open(radius).LargestComponent().FillHoles().Blur(1);
        return scale < 1f ? mask.Resize(photo.Width, photo.Height) : mask;
    }

    private static Lab[] ToLab(SKBitmap image)
    {
        var pixels = image.GetPixelSpan();
        var lab = new Lab[image.Width * image.Height];
        for (var i = 0; i < lab.Length; i++)
        {
            lab[i] = ColorSpaces.ToLab(pixels[i * 4], pixels[(i * 4) + 1], pixels[(i * 4) + 2]);
        }

        return lab;
    }

    /// <summary>The median colour of a border strip (3% of the short side) and the median distance from it.</summary>
    private static (Lab Median, float Spread) BorderStatistics(Lab[] lab, int width, int height)
    {
        var strip = Math.Max(2, Math.Min(width, height) * 3 / 100);
        var border = new List<Lab>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (x < strip || y < strip || x >= width - strip || y >= height - strip)
                {
                    border.Add(lab[(y * width) + x]);
                }
            }
        }

        var median = new Lab(Median(border.Select(c => c.L)), Median(border.Select(c => c.A)), Median(border.Select(c => c.B)));
        var spread = Median(border.Select(c => ColorSpaces.DeltaE76(c, median)));
        return (median, spread);
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
