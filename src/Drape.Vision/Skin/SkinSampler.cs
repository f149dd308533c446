using Drape.Imaging.Color;
using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.Skin;

/// <summary>
/// Measures a face's skin colour from both cheeks and the forehead (<see cref="RegionsFor"/>): pixels are converted
/// sRGB → linear → CIELAB (D65), non-skin pixels dropped (<see cref="SkinPixelFilter"/>), the darkest 20% and lightest
/// 10% by L* dropped (residual shadow, highlights), and the per-channel median taken. The forehead is left out when it
/// disagrees with the cheeks (a fringe, a hat's shadow). <see cref="Sample"/> returns null when too few skin pixels remain.
/// </summary>
public static partial class SkinSampler
{
    /// <summary>Fewer skin-like pixels than this (before the L* trim) and there is no sample.</summary>
    public const int MinSkinPixels = 40;

    /// <summary>L* quantiles kept: below the lower one is shadow, above the upper one sheen.</summary>
    public const float LowerLightnessQuantile = 0.2f;

    /// <inheritdoc cref="LowerLightnessQuantile"/>
    public const float UpperLightnessQuantile = 0.9f;

    /// <summary>The forehead is dropped when its median is further than this (ΔE76) from the cheeks'.</summary>
    public const float ForeheadMaxDeltaE = 10f;

    /// <summary>At or above this many kept pixels the count no longer lowers confidence.</summary>
    public const int FullConfidencePixels = 300;

    /// <summary>The spread (median ΔE76 from the median) at which confidence halves.</summary>
    public const float HalfConfidenceSpread = 8f;

    /// <summary>At or above this share of skin-like pixels in the regions, coverage no longer lowers confidence.</summary>
    public const float FullConfidenceCoverage = 0.6f;

    /// <summary>Regions are read with a stride so that roughly this many pixels are converted, whatever the face size.</summary>
    private const int PixelBudget = 40_000;

    private const int MinRegionPixels = 10;

    /// <summary>
    /// The skin colour of <paramref name="face"/> in <paramref name="image"/> (Rgba8888 or Bgra8888 are read directly,
    /// other layouts are converted), or null when fewer than <see cref="MinSkinPixels"/> skin-like pixels were found —
    /// a face too small, covered (mask, hands), or lit so that no pixel looks like skin.
    /// </summary>
    public static SkinSample? Sample(SKBitmap image, FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var regions = RegionsFor(face);
        if (regions.Count == 0)
        {
            return null;
        }

        var (cheeks, forehead, total) = Collect(image, face.Box, regions);
        var skin = cheeks;
        if (forehead.Count >= MinRegionPixels && (cheeks.Count < MinRegionPixels
            || ColorSpaces.DeltaE76(RobustLab.Median(forehead), RobustLab.Median(cheeks)) <= ForeheadMaxDeltaE))
        {
            skin = [.. cheeks, .. forehead];
        }

        if (skin.Count < MinSkinPixels)
        {
            return null;
        }

        var kept = RobustLab.TrimByLightness(skin, LowerLightnessQuantile, UpperLightnessQuantile);
        var median = RobustLab.Median(kept);
        var spread = RobustLab.Spread(kept, median);
        var countFactor = MathF.Min(1f, MathF.Sqrt(kept.Count / (float)FullConfidencePixels));
        var spreadFactor = 1f / (1f + ((spread / HalfConfidenceSpread) * (spread / HalfConfidenceSpread)));
        var coverageFactor = MathF.Min(1f, skin.Count / (float)total / FullConfidenceCoverage);
        return new SkinSample(median, LabHex.Format(median), kept.Count, countFactor * spreadFactor * coverageFactor);
    }

    private static (List<Lab> Cheeks, List<Lab> Forehead, int Total) Collect(SKBitmap image, SKRect box, IReadOnlyList<SkinRegion> regions)
    {
        if (image.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888))
        {
            using var converted = image.Copy(SKColorType.Rgba8888)
                ?? throw new ArgumentException($"Cannot read pixels of colour type {image.ColorType}.", nameof(image));
            return Collect(converted, box, regions);
        }

        var area = regions.Sum(r => MathF.PI * r.RadiusX * r.RadiusY);
        var stride = Math.Max(1, (int)MathF.Ceiling(MathF.Sqrt(area / PixelBudget)));
        var bgra = image.ColorType == SKColorType.Bgra8888;
        var pixels = image.GetPixelSpan();
        var rowBytes = image.RowBytes;
        var clip = SKRect.Intersect(box, SKRect.Create(image.Width, image.Height));
        List<Lab> cheeks = [], forehead = [];
        var total = 0;
        foreach (var region in regions)
        {
            var into = region.Name == "forehead" ? forehead : cheeks;
            var bounds = SKRect.Intersect(region.Bounds, clip);
            for (var y = (int)MathF.Floor(bounds.Top); y < bounds.Bottom; y += stride)
            {
                for (var x = (int)MathF.Floor(bounds.Left); x < bounds.Right; x += stride)
                {
                    var centre = new SKPoint(x + 0.5f, y + 0.5f);
                    if (!region.Contains(centre) || !clip.Contains(centre))
                    {
                        continue;
                    }

                    var i = (y * rowBytes) + (x * 4);
                    if (pixels[i + 3] < 250)
                    {
                        continue; // transparent or blended edge: not a measurement of the subject
                    }

                    total++;
                    var lab = bgra ? ColorSpaces.ToLab(pixels[i + 2], pixels[i + 1], pixels[i]) : ColorSpaces.ToLab(pixels[i], pixels[i + 1], pixels[i + 2]);
                    if (SkinPixelFilter.IsSkinLike(lab))
                    {
                        into.Add(lab);
                    }
                }
            }
        }

        return (cheeks, forehead, Math.Max(total, 1));
    }
}
