using Drape.Imaging.Masks;

namespace Drape.Imaging.Garments;

/// <summary>
/// Decides <c>auto</c> from the garment mask's shape alone. Rules, in order:
/// <list type="number">
/// <item>legs — in the lowest 30% of the garment, most rows have two separate runs with a real gap → lower (trousers, shorts);</item>
/// <item>wide — width ≥ 0.85 × height (tops lie flat with their sleeves out) → upper;</item>
/// <item>hourglass — a tall shape wider at the top band and at the hem than at its narrowest middle → dress;</item>
/// <item>flare — a tall shape whose top band is much narrower than its hem (a skirt's waistband) → lower;</item>
/// <item>otherwise → dress when taller than 1.5 × width, else upper.</item>
/// </list>
/// </summary>
public static class GarmentShape
{
    public static GarmentCategory Classify(Mask mask)
    {
        var bounds = mask.Bounds();
        if (bounds.IsEmpty)
        {
            return GarmentCategory.Upper;
        }

        var shape = mask.Crop(bounds);
        var width = shape.Width;
        var height = shape.Height;
        if (HasLegs(shape))
        {
            return GarmentCategory.Lower;
        }

        if (width >= 0.85f * height)
        {
            return GarmentCategory.Upper;
        }

        var top = BandWidth(shape, 0.05f, 0.15f);
        var middle = MinBandWidth(shape, 0.25f, 0.6f);
        var hem = BandWidth(shape, 0.85f, 0.97f);
        if (top > middle * 1.12f && hem > middle * 1.12f)
        {
            return GarmentCategory.Dress;
        }

        if (top < hem * 0.75f)
        {
            return GarmentCategory.Lower;
        }

        return height > 1.5f * width ? GarmentCategory.Dress : GarmentCategory.Upper;
    }

    private static bool HasLegs(Mask shape)
    {
        var from = (int)(shape.Height * 0.7f);
        var minGap = Math.Max(2, shape.Width / 30);
        var split = 0;
        for (var y = from; y < shape.Height; y++)
        {
            var runs = shape.RowRuns(y).Where(r => r.End - r.Start > shape.Width / 20).ToList();
            if (runs.Count >= 2 && runs.Zip(runs.Skip(1), (a, b) => b.Start - a.End).Max() >= minGap)
            {
                split++;
            }
        }

        return split > (shape.Height - from) / 2;
    }

    /// <summary>Mean extent (leftmost to rightmost in-pixel) over a band of rows given as fractions of the height.</summary>
    private static float BandWidth(Mask shape, float from, float to) => Extents(shape, from, to).DefaultIfEmpty(0).Average();

    private static float MinBandWidth(Mask shape, float from, float to) => Extents(shape, from, to).DefaultIfEmpty(0).Min();

    private static IEnumerable<float> Extents(Mask shape, float from, float to)
    {
        for (var y = (int)(shape.Height * from); y < Math.Min(shape.Height, (int)(shape.Height * to)); y++)
        {
            var runs = shape.RowRuns(y);
            if (runs.Count > 0)
            {
                yield return runs[^1].End - runs[0].Start;
            }
        }
    }
}
