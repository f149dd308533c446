using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

/// <summary>Order statistics over CIELAB pixels.</summary>
internal static class RobustLab
{
    /// <summary>The pixels whose L* lies between the <paramref name="lower"/> and <paramref name="upper"/> quantiles (0..1).</summary>
    public static List<Lab> TrimByLightness(IEnumerable<Lab> pixels, float lower, float upper)
    {
        var sorted = pixels.OrderBy(p => p.L).ToList();
        var from = (int)MathF.Floor(sorted.Count * lower);
        var to = Math.Max(from + 1, (int)MathF.Ceiling(sorted.Count * upper));
        return sorted.GetRange(from, Math.Min(to, sorted.Count) - from);
    }

    /// <summary>Per-channel median; <paramref name="pixels"/> must not be empty.</summary>
    public static Lab Median(IReadOnlyCollection<Lab> pixels) =>
        new(Median(pixels.Select(p => p.L)), Median(pixels.Select(p => p.A)), Median(pixels.Select(p => p.B)));

    /// <summary>Median CIE76 distance from <paramref name="centre"/>: a robust spread in ΔE units.</summary>
    public static float Spread(IEnumerable<Lab> pixels, Lab centre) => Median(pixels.Select(p => ColorSpaces.DeltaE76(p, centre)));

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2f;
    }
}
