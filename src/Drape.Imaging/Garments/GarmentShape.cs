using Drape.Imaging.Masks;

namespace Drape.Imaging.Garments;

/// <summary>
/// Decides <c>auto</c> from the garment mask's shape alone (widths are measured across the garment's rows as a share
/// of its bounding box). Rules, in order:
/// <list type="number">
/// <item>legs — in the lowest quarter, at least a quarter of the rows are empty at the centre with cloth on both sides → lower;</item>
/// <item>hourglass — the shoulder band (5–15% down) and the skirt band (70–90%) are both clearly wider than the
/// narrowest row between 30% and 65% → dress;</item>
/// <item>wide — width ≥ 0.88 × height (tops lie flat with their sleeves out; skirts and shorts are taller) → upper;</item>
/// <item>sleeves — the widest row is in the top 40% and the body below is much narrower → upper;</item>
/// <item>flare — the widest row is in the lower half and the top band is much narrower (a waistband) → lower;</item>
/// <item>otherwise → dress when taller than 1.5 × width, else upper.</item>
/// </list>
/// Checked on every garment fixture (uppers, shorts, trousers, skirt, dress); garments photographed on a
/// mannequin carry the mannequin in their mask and can be misread — send a category for those.
/// </summary>
public static class GarmentShape
{
    public static GarmentCategory Classify(Mask mask)
    {
        var solid = mask.Clone().Threshold(128);
        var bounds = solid.Bounds();
        if (bounds.IsEmpty)
        {
            return GarmentCategory.Upper;
        }

        var shape = solid.Crop(bounds);
        var widths = RowWidths(shape);
        if (HasLegs(shape))
        {
            return GarmentCategory.Lower;
        }

        var top = Band(widths, 0.05f, 0.15f).Average();
        var waist = Band(widths, 0.30f, 0.65f).Min();
        var skirt = Band(widths, 0.70f, 0.90f).Average();
        if (top > waist * 1.15f && skirt > waist * 1.25f)
        {
            return GarmentCategory.Dress;
        }

        var aspect = shape.Width / (float)shape.Height;
        if (aspect >= 0.88f)
        {
            return GarmentCategory.Upper;
        }

        var core = Band(widths, 0.10f, 0.90f);
        var widest = core.Max();
        var widestAt = 0.10f + (0.80f * Array.IndexOf(core, widest) / core.Length);
        if (widestAt < 0.40f && waist < 0.85f * widest)
        {
            return GarmentCategory.Upper;
        }

        if (widestAt >= 0.5f && top < 0.75f * widest)
        {
            return GarmentCategory.Lower;
        }

        return shape.Height > 1.5f * shape.Width ? GarmentCategory.Dress : GarmentCategory.Upper;
    }

    private static bool HasLegs(Mask shape)
    {
        var from = (int)(shape.Height * 0.75f);
        var halfGap = Math.Max(1, shape.Width * 3 / 100);
        var centre = shape.Width / 2;
        var split = 0;
        for (var y = from; y < shape.Height; y++)
        {
            var runs = shape.RowRuns(y);
            var centreEmpty = runs.All(r => r.End <= centre - halfGap || r.Start >= centre + halfGap);
            if (centreEmpty && runs.Any(r => r.End <= centre) && runs.Any(r => r.Start >= centre))
            {
                split++;
            }
        }

        return split >= (shape.Height - from) / 4;
    }

    /// <summary>Per row, leftmost to rightmost "in" pixel, as a share of the shape's width.</summary>
    private static float[] RowWidths(Mask shape)
    {
        var widths = new float[shape.Height];
        for (var y = 0; y < shape.Height; y++)
        {
            var runs = shape.RowRuns(y);
            widths[y] = runs.Count == 0 ? 0 : (runs[^1].End - runs[0].Start) / (float)shape.Width;
        }

        return widths;
    }

    private static float[] Band(float[] widths, float from, float to)
    {
        var start = (int)(widths.Length * from);
        var end = Math.Max(start + 1, Math.Min(widths.Length, (int)(widths.Length * to)));
        return widths[start..end];
    }
}
