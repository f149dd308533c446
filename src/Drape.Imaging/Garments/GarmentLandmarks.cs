using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Garments;

/// <summary>
/// A garment's landmarks, found from its mask's contour, in the cut-out's pixels. "Right" and "left" are the wearer's:
/// a front view shows the wearer's right on the image's left, as a person photo does, so right maps to right.
/// Upper and dress fill the shoulder, armpit and sleeve points; lower fills the waistband, crotch and leg openings.
/// Missing parts (no sleeves, a skirt's single opening) are null.
/// </summary>
public sealed record GarmentLandmarks(
    GarmentCategory Category,
    SKPoint NeckCentre,
    SKPoint RightShoulder,
    SKPoint LeftShoulder,
    SKPoint RightArmpit,
    SKPoint LeftArmpit,
    SKPoint? RightSleeveEnd,
    SKPoint? LeftSleeveEnd,
    SKPoint RightWaist,
    SKPoint LeftWaist,
    SKPoint RightHem,
    SKPoint LeftHem,
    SKPoint? Crotch,
    SKPoint? RightLegOpening,
    SKPoint? LeftLegOpening)
{
    public SKPoint HemCentre => new((RightHem.X + LeftHem.X) / 2f, (RightHem.Y + LeftHem.Y) / 2f);

    public SKPoint ShoulderCentre => new((RightShoulder.X + LeftShoulder.X) / 2f, (RightShoulder.Y + LeftShoulder.Y) / 2f);

    public SKPoint WaistCentre => new((RightWaist.X + LeftWaist.X) / 2f, (RightWaist.Y + LeftWaist.Y) / 2f);

    /// <summary>
    /// The rules (DESIGN: docs/try-on.md): the centre line is the mask's mean column. Upper and dress: the torso edge is
    /// the run through the centre at the waist row (its narrowest row; upper: between 40% and 80% down, dress: 30–60%);
    /// walking up from there, the armpit is the first row where that run juts out by more than 8% of the width (a
    /// sleeve joins); the shoulder is the top of the mask above the armpit; the sleeve end is the far end of the
    /// cloth outside the torso edge (by 2% of the width, 5% below the waist row); the hem corners are the ends of the
    /// lowest row at least 60% as wide as the waist. Lower: the waistband corners are the ends of the widest row in the
    /// top 8%; the crotch is the first row (from 20% down) with a gap in the middle half of its extent that is still
    /// open 5% of the height lower; each leg opening is the centre of that leg's cloth over its lowest 8%; without a
    /// crotch (a skirt) the hem is the lowest row at least 70% as wide as the widest row of the lower half.
    /// </summary>
    public static GarmentLandmarks Find(Mask cutoutMask, GarmentCategory category)
    {
        var solid = cutoutMask.Clone().Threshold(128);
        var shape = new Shape(solid);
        return category == GarmentCategory.Lower ? FindLower(shape) : FindTop(shape, category);
    }

    private static GarmentLandmarks FindTop(Shape shape, GarmentCategory category)
    {
        int w = shape.Width, h = shape.Height;
        var cx = shape.CentreX;
        // The waist is the narrowest row of the centre run (upper: between 40% and 80% down — sleeves laid along the
        // body join it lower, and a fitted top is wider at the chest; dress: between 30% and 60%).
        var waistRow = category == GarmentCategory.Dress ? shape.NarrowestRow(0.30f, 0.60f, cx) : shape.NarrowestRow(0.40f, 0.80f, cx);
        var (waistStart, waistEnd) = shape.RunThrough(waistRow, cx);
        var jump = 0.08f * w;
        int rightArmpitRow = -1, leftArmpitRow = -1;
        float rightEdge = waistStart, leftEdge = waistEnd - 1;
        for (var y = waistRow - 1; y >= (int)(h * 0.08f) && (rightArmpitRow < 0 || leftArmpitRow < 0); y--)
        {
            var (start, end) = shape.RunThrough(y, cx);
            if (end <= start)
            {
                continue;
            }

            if (rightArmpitRow < 0)
            {
                if (start < waistStart - jump)
                {
                    rightArmpitRow = y + 1;
                }
                else
                {
                    rightEdge = start;
                }
            }

            if (leftArmpitRow < 0)
            {
                if (end - 1 > waistEnd - 1 + jump)
                {
                    leftArmpitRow = y + 1;
                }
                else
                {
                    leftEdge = end - 1;
                }
            }
        }

        // Sleeveless: the armpit is a quarter of the way down, at the torso edge found there.
        var sleevelessRow = (int)(h * 0.25f);
        var rightArmpit = new SKPoint(rightEdge, rightArmpitRow >= 0 ? rightArmpitRow : sleevelessRow);
        var leftArmpit = new SKPoint(leftEdge, leftArmpitRow >= 0 ? leftArmpitRow : sleevelessRow);
        var rightShoulder = new SKPoint(rightEdge, shape.TopAt((int)rightEdge, h));
        var leftShoulder = new SKPoint(leftEdge, shape.TopAt((int)leftEdge, h));
        var shoulderY = (rightShoulder.Y + leftShoulder.Y) / 2f;
        var neck = new SKPoint(cx, Math.Max(shape.TopAt((int)cx, h), shoulderY - (0.12f * (leftEdge - rightEdge))));
        var sleeveRows = category == GarmentCategory.Dress ? waistRow : (int)(h * 0.92f);
        // Sleeve cloth lies outside the torso edge: by 2% of the width above the waist row, by 5% below it (a hem that
        // flares a little past the torso edge is not a sleeve hanging down).
        float Margin(int y) => (y > waistRow ? 0.05f : 0.02f) * w;
        var rightSleeve = rightArmpitRow >= 0 ? shape.FarthestFrom(rightShoulder, (x, y) => x < rightEdge - Margin(y), (int)rightShoulder.Y, sleeveRows) : null;
        var leftSleeve = leftArmpitRow >= 0 ? shape.FarthestFrom(leftShoulder, (x, y) => x > leftEdge + Margin(y), (int)leftShoulder.Y, sleeveRows) : null;

        // The hem: the lowest row still at least 60% as wide as the waist (a pointed or asymmetric tail is not the hem).
        var hemRow = waistRow;
        for (var y = h - 1; y > waistRow; y--)
        {
            var (start, end) = shape.Extent(y);
            if (end - start >= 0.6f * (waistEnd - waistStart))
            {
                hemRow = y;
                break;
            }
        }

        var (hemStart, hemEnd) = shape.Extent(hemRow);

        return new GarmentLandmarks(category, neck, rightShoulder, leftShoulder, rightArmpit, leftArmpit, rightSleeve, leftSleeve,
            new SKPoint(waistStart, waistRow), new SKPoint(waistEnd - 1, waistRow), new SKPoint(hemStart, hemRow), new SKPoint(hemEnd - 1, hemRow),
            null, null, null);
    }

    private static GarmentLandmarks FindLower(Shape shape)
    {
        int w = shape.Width, h = shape.Height;
        var cx = shape.CentreX;
        // The waistband: the widest row in the top 8% (a waistband seen from above is an ellipse).
        int bandRow = 0, bandStart = 0, bandEnd = w;
        for (var y = 0; y <= Math.Max(1, (int)(h * 0.08f)); y++)
        {
            var (start, end) = shape.Extent(y);
            if (y == 0 || end - start > bandEnd - bandStart)
            {
                (bandRow, bandStart, bandEnd) = (y, start, end);
            }
        }

        var rightWaist = new SKPoint(bandStart, bandRow);
        var leftWaist = new SKPoint(bandEnd - 1, bandRow);
        SKPoint? crotch = null, rightLeg = null, leftLeg = null;
        // A skirt's hem: the lowest row at least 70% as wide as the widest row of its lower half (a render's
        // ragged tail or folds at the very bottom are not the hem).
        var widest = 0;
        for (var y = h / 2; y < h; y++)
        {
            var (start, end) = shape.Extent(y);
            widest = Math.Max(widest, end - start);
        }

        var bottom = h - 1;
        while (bottom > bandRow && shape.Extent(bottom) is var (rowStart, rowEnd) && rowEnd - rowStart < 0.7f * widest)
        {
            bottom--;
        }

        var (hemStart, hemEnd) = shape.Extent(bottom);
        for (var y = (int)(h * 0.2f); y < h && crotch is null; y++)
        {
            // The legs part where a gap opens in the middle half of the row (a render at an angle parts them
            // off-centre) and is still open 5% of the height further down (a ragged hem's notch is no crotch).
            var below = y + (int)(0.05f * h);
            if (below < h && MiddleGap(shape, y) is { } gap && MiddleGap(shape, below) is not null)
            {
                crotch = new SKPoint(gap, y);
            }
        }

        if (crotch is { } split && Opening(shape, split, rightSide: true) is { } right && Opening(shape, split, rightSide: false) is { } left)
        {
            (rightLeg, leftLeg) = (right.Centre, left.Centre);
            (hemStart, hemEnd, bottom) = ((int)right.Outer, (int)left.Outer + 1, (int)Math.Max(right.Centre.Y, left.Centre.Y));
        }
        else
        {
            crotch = null;
        }

        var neck = new SKPoint((rightWaist.X + leftWaist.X) / 2f, bandRow);
        return new GarmentLandmarks(GarmentCategory.Lower, neck, rightWaist, leftWaist, rightWaist, leftWaist, null, null,
            rightWaist, leftWaist, new SKPoint(hemStart, bottom), new SKPoint(hemEnd - 1, bottom), crotch, rightLeg, leftLeg);
    }

    /// <summary>The centre of a gap between two runs of row <paramref name="y"/> within the middle half of its extent, if any.</summary>
    private static float? MiddleGap(Shape shape, int y)
    {
        var runs = shape.Runs(y);
        var (from, to) = shape.Extent(y);
        for (var i = 0; i + 1 < runs.Count; i++)
        {
            var gap = (runs[i].End + runs[i + 1].Start) / 2f;
            if (gap > from + (0.25f * (to - from)) && gap < from + (0.75f * (to - from)))
            {
                return gap;
            }
        }

        return null;
    }

    /// <summary>
    /// A leg's opening: the centre of its cloth (on its side of the crotch) over the lowest 8% of the height it
    /// reaches, 2% of the height above its lowest row (a ragged hem's flaps do not move it), and its outer edge there.
    /// </summary>
    private static (SKPoint Centre, float Outer)? Opening(Shape shape, SKPoint crotch, bool rightSide)
    {
        int Clip(int x) => rightSide ? Math.Min(x, (int)crotch.X) : Math.Max(x, (int)crotch.X);
        var lowest = -1;
        for (var y = shape.Height - 1; y > crotch.Y && lowest < 0; y--)
        {
            lowest = shape.Runs(y).Any(r => Clip(r.End) > Clip(r.Start)) ? y : -1;
        }

        if (lowest < 0)
        {
            return null;
        }

        double sum = 0;
        long count = 0;
        var outer = rightSide ? float.MaxValue : float.MinValue;
        for (var y = Math.Max((int)crotch.Y + 1, lowest - (int)(0.08f * shape.Height)); y <= lowest; y++)
        {
            foreach (var (start, end) in shape.Runs(y))
            {
                var (a, b) = (Clip(start), Clip(end));
                if (b <= a)
                {
                    continue;
                }

                sum += (a + b - 1) / 2.0 * (b - a);
                count += b - a;
                outer = rightSide ? Math.Min(outer, a) : Math.Max(outer, b - 1);
            }
        }

        return count == 0 ? null : (new SKPoint((float)(sum / count), Math.Max(crotch.Y + 1, lowest - (0.02f * shape.Height))), outer);
    }

    /// <summary>Row runs of a thresholded mask, computed once.</summary>
    private sealed class Shape
    {
        private readonly Mask _mask;
        private readonly List<(int Start, int End)>[] _rows;

        public Shape(Mask mask)
        {
            _mask = mask;
            _rows = new List<(int, int)>[mask.Height];
            double sum = 0;
            long count = 0;
            for (var y = 0; y < mask.Height; y++)
            {
                _rows[y] = mask.RowRuns(y);
                foreach (var (start, end) in _rows[y])
                {
                    sum += (start + end - 1) / 2.0 * (end - start);
                    count += end - start;
                }
            }

            CentreX = count == 0 ? mask.Width / 2f : (float)(sum / count);
        }

        public int Width => _mask.Width;

        public int Height => _mask.Height;

        public float CentreX { get; }

        public bool In(int x, int y) => _mask[x, y] >= 128;

        public List<(int Start, int End)> Runs(int y) => _rows[Math.Clamp(y, 0, Height - 1)];

        public (int Start, int End) Extent(int y)
        {
            var runs = Runs(y);
            return runs.Count == 0 ? (0, 0) : (runs[0].Start, runs[^1].End);
        }

        /// <summary>The run containing the centre column, or the nearest one.</summary>
        public (int Start, int End) RunThrough(int y, float cx)
        {
            var runs = Runs(y);
            if (runs.Count == 0)
            {
                return (0, 0);
            }

            var x = (int)cx;
            foreach (var run in runs)
            {
                if (run.Start <= x && x < run.End)
                {
                    return run;
                }
            }

            return runs.MinBy(r => Math.Min(Math.Abs(r.Start - x), Math.Abs(r.End - x)));
        }

        public int NarrowestRow(float from, float to, float cx)
        {
            int best = (int)(Height * from), bestWidth = int.MaxValue;
            for (var y = (int)(Height * from); y < (int)(Height * to); y++)
            {
                var (start, end) = RunThrough(y, cx);
                if (end > start && end - start < bestWidth)
                {
                    (best, bestWidth) = (y, end - start);
                }
            }

            return best;
        }

        /// <summary>The first "in" row of a column (searching a few columns either side), or the top.</summary>
        public float TopAt(int x, int fallback)
        {
            for (var y = 0; y < Height; y++)
            {
                for (var dx = -2; dx <= 2; dx++)
                {
                    var xx = Math.Clamp(x + dx, 0, Width - 1);
                    if (In(xx, y))
                    {
                        return y;
                    }
                }
            }

            return Math.Min(fallback, Height - 1);
        }

        /// <summary>The centre of the cloth farthest from <paramref name="from"/> among points passing the test (the sleeve's end).</summary>
        public SKPoint? FarthestFrom(SKPoint from, Func<float, int, bool> sleeve, int fromRow, int toRow)
        {
            var step = Math.Max(1, Math.Max(Width, Height) / 256);
            var far = 0f;
            var points = new List<(SKPoint Point, float Distance)>();
            for (var y = Math.Max(0, fromRow); y < Math.Min(Height, toRow); y += step)
            {
                foreach (var (start, end) in _rows[y])
                {
                    for (var x = start; x < end; x += step)
                    {
                        if (!sleeve(x, y))
                        {
                            continue;
                        }

                        var d = SKPoint.Distance(from, new SKPoint(x, y));
                        points.Add((new SKPoint(x, y), d));
                        far = Math.Max(far, d);
                    }
                }
            }

            if (points.Count == 0 || far < 0.05f * Width)
            {
                return null;
            }

            float sx = 0, sy = 0;
            var n = 0;
            foreach (var (point, distance) in points)
            {
                if (distance >= far * 0.92f)
                {
                    sx += point.X;
                    sy += point.Y;
                    n++;
                }
            }

            return new SKPoint(sx / n, sy / n);
        }
    }
}
