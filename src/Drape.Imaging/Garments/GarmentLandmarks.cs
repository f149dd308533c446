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
    /// the run through the centre at the waist row (upper: 75% down; dress: the narrowest row between 30% and 60%);
    /// walking up from there, the armpit is the first row where that run juts out by more than 8% of the width (a
    /// sleeve joins); the shoulder is the top of the mask above the armpit; the sleeve end is the far end of the
    /// cloth outside the armpit; the hem corners are the ends of the centre run 3% above the bottom. Lower: the
    /// waistband corners are the ends of the row 2% below the top; the crotch is where the centre column first
    /// becomes empty going down; the leg openings are the centres of the outermost runs of the bottom row.
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
        var waistRow = category == GarmentCategory.Dress ? shape.NarrowestRow(0.30f, 0.60f, cx) : (int)(h * 0.75f);
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
        var rightSleeve = rightArmpitRow >= 0 ? shape.FarthestFrom(rightShoulder, x => x < rightEdge - (0.02f * w), (int)rightShoulder.Y, sleeveRows) : null;
        var leftSleeve = leftArmpitRow >= 0 ? shape.FarthestFrom(leftShoulder, x => x > leftEdge + (0.02f * w), (int)leftShoulder.Y, sleeveRows) : null;

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
        var centreColumn = Math.Clamp((int)cx, 0, w - 1);
        for (var y = (int)(h * 0.2f); y < h; y++)
        {
            var runs = shape.Runs(y);
            if (!shape.In(centreColumn, y) && runs.Count >= 2 && runs[0].End <= cx && runs[^1].Start > cx)
            {
                crotch = new SKPoint(cx, y);
                break;
            }
        }

        var bottom = h - 1;
        if (crotch is { } split)
        {
            // Each leg's opening: the centre of its run on the lowest row that leg reaches.
            for (var y = h - 1; y > split.Y && (rightLeg is null || leftLeg is null); y--)
            {
                var runs = shape.Runs(y);
                if (rightLeg is null && runs.Count > 0 && runs[0].End <= split.X + 1)
                {
                    rightLeg = new SKPoint((runs[0].Start + runs[0].End - 1) / 2f, y);
                }

                if (leftLeg is null && runs.Count > 0 && runs[^1].Start >= split.X - 1)
                {
                    leftLeg = new SKPoint((runs[^1].Start + runs[^1].End - 1) / 2f, y);
                }
            }

            crotch = rightLeg is null || leftLeg is null ? null : crotch;
        }

        var (hemStart, hemEnd) = shape.Extent(bottom);
        if (crotch is not null && rightLeg is { } rl && leftLeg is { } ll)
        {
            bottom = (int)Math.Max(rl.Y, ll.Y);
            var right = shape.Runs((int)rl.Y)[0];
            var left = shape.Runs((int)ll.Y)[^1];
            (hemStart, hemEnd) = (right.Start, left.End);
        }

        var neck = new SKPoint((rightWaist.X + leftWaist.X) / 2f, bandRow);
        return new GarmentLandmarks(GarmentCategory.Lower, neck, rightWaist, leftWaist, rightWaist, leftWaist, null, null,
            rightWaist, leftWaist, new SKPoint(hemStart, bottom), new SKPoint(hemEnd - 1, bottom), crotch, rightLeg, leftLeg);
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

        /// <summary>The centre of the cloth farthest from <paramref name="from"/> among columns passing the test (the sleeve's end).</summary>
        public SKPoint? FarthestFrom(SKPoint from, Func<float, bool> column, int fromRow, int toRow)
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
                        if (!column(x))
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
