using System.Globalization;
using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Color;

/// <summary>One colour cluster of an image: its CIELAB centre, sRGB hex and share of the counted pixels.</summary>
public sealed record ColorCluster(Lab Lab, string Hex, float Share);

/// <summary>
/// The main colours of an image region by k-means in CIELAB (ΔE76 distance), on at most ~20 000 pixels sampled on a
/// grid, seeded deterministically (farthest-point from the median), so the same image always gives the same answer.
/// </summary>
public static class DominantColors
{
    private const int SampleBudget = 20_000;
    private const int Iterations = 12;

    /// <summary>Up to <paramref name="k"/> clusters, largest first. Pixels outside <paramref name="mask"/> (&lt; 128) or mostly transparent are not counted.</summary>
    public static IReadOnlyList<ColorCluster> Find(SKBitmap rgba, Mask? mask = null, int k = 3)
    {
        var pixels = Sample(rgba, mask);
        if (pixels.Count == 0)
        {
            return [];
        }

        var centres = Seed(pixels, Math.Min(k, pixels.Count));
        var assignment = new int[pixels.Count];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var changed = Assign(pixels, centres, assignment);
            centres = Update(pixels, centres, assignment);
            if (!changed && iteration > 0)
            {
                break;
            }
        }

        Assign(pixels, centres, assignment);
        var counts = new int[centres.Count];
        foreach (var cluster in assignment)
        {
            counts[cluster]++;
        }

        return centres.Select((c, i) => new ColorCluster(c, Hex(c), counts[i] / (float)pixels.Count))
            .Where(c => c.Share > 0)
            .OrderByDescending(c => c.Share)
            .ToList();
    }

    public static string Hex(Lab lab)
    {
        var (r, g, b) = ColorSpaces.ToSrgb(lab);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    private static List<Lab> Sample(SKBitmap rgba, Mask? mask)
    {
        if (rgba.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException("Expected an Rgba8888 bitmap.", nameof(rgba));
        }

        var stride = Math.Max(1, (int)MathF.Ceiling(MathF.Sqrt(rgba.Width * rgba.Height / (float)SampleBudget)));
        var span = rgba.GetPixelSpan();
        var pixels = new List<Lab>();
        for (var y = 0; y < rgba.Height; y += stride)
        {
            for (var x = 0; x < rgba.Width; x += stride)
            {
                var i = ((y * rgba.Width) + x) * 4;
                if (span[i + 3] < 128 || (mask is not null && mask[x * mask.Width / rgba.Width, y * mask.Height / rgba.Height] < 128))
                {
                    continue;
                }

                pixels.Add(ColorSpaces.ToLab(span[i], span[i + 1], span[i + 2]));
            }
        }

        return pixels;
    }

    /// <summary>The per-channel median, then repeatedly the pixel farthest from every centre chosen so far.</summary>
    private static List<Lab> Seed(List<Lab> pixels, int k)
    {
        static float Median(IEnumerable<float> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }

        var centres = new List<Lab> { new(Median(pixels.Select(p => p.L)), Median(pixels.Select(p => p.A)), Median(pixels.Select(p => p.B))) };
        var nearest = pixels.Select(p => Distance2(p, centres[0])).ToArray();
        while (centres.Count < k)
        {
            var farthest = 0;
            for (var i = 1; i < pixels.Count; i++)
            {
                farthest = nearest[i] > nearest[farthest] ? i : farthest;
            }

            if (nearest[farthest] < 1f)
            {
                break; // fewer distinct colours than k
            }

            var centre = pixels[farthest];
            centres.Add(centre);
            for (var i = 0; i < pixels.Count; i++)
            {
                nearest[i] = MathF.Min(nearest[i], Distance2(pixels[i], centre));
            }
        }

        return centres;
    }

    private static bool Assign(List<Lab> pixels, List<Lab> centres, int[] assignment)
    {
        var changed = false;
        for (var i = 0; i < pixels.Count; i++)
        {
            var best = 0;
            var bestDistance = float.MaxValue;
            for (var c = 0; c < centres.Count; c++)
            {
                var d = Distance2(pixels[i], centres[c]);
                if (d < bestDistance)
                {
                    (best, bestDistance) = (c, d);
                }
            }

            changed |= assignment[i] != best;
            assignment[i] = best;
        }

        return changed;
    }

    /// <summary>Squared ΔE76: the same nearest centre as ΔE76, without the square root.</summary>
    private static float Distance2(Lab a, Lab b)
    {
        var (dl, da, db) = (a.L - b.L, a.A - b.A, a.B - b.B);
        return (dl * dl) + (da * da) + (db * db);
    }

    private static List<Lab> Update(List<Lab> pixels, List<Lab> centres, int[] assignment)
    {
        var sums = new (double L, double A, double B, int N)[centres.Count];
        for (var i = 0; i < pixels.Count; i++)
        {
            ref var s = ref sums[assignment[i]];
            s = (s.L + pixels[i].L, s.A + pixels[i].A, s.B + pixels[i].B, s.N + 1);
        }

        return sums.Select((s, c) => s.N == 0 ? centres[c] : new Lab((float)(s.L / s.N), (float)(s.A / s.N), (float)(s.B / s.N))).ToList();
    }
}
