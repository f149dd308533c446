using Drape.Imaging.Garments;
using SkiaSharp;

namespace Drape.Imaging.Processing;

/// <summary>
/// A piecewise-affine warp: a grid over the garment cut-out, each vertex sent through a mapping to the person's
/// canvas, drawn as textured triangles (<see cref="TexturedTriangles"/>). Only cells that hold cloth are drawn, and
/// they are drawn in ascending <c>depth</c> (sleeves after the torso), so a part folded over another lies on top.
/// </summary>
public sealed class MeshWarp
{
    private readonly SKPoint[] _source;
    private readonly SKPoint[] _target;
    private readonly bool[] _drawn;

    private MeshWarp(int cols, int rows, SKPoint[] source, SKPoint[] target, bool[] drawn) =>
        (Cols, Rows, _source, _target, _drawn) = (cols, rows, source, target, drawn);

    /// <summary>Vertices per row and per column.</summary>
    public int Cols { get; }

    public int Rows { get; }

    public IReadOnlyList<SKPoint> Source => _source;

    public IReadOnlyList<SKPoint> Target => _target;

    /// <summary>Builds the mesh: <paramref name="cells"/> cells along the cut-out's longer side.</summary>
    public static MeshWarp Build(GarmentCutout cutout, Func<SKPoint, SKPoint> map, int cells = 48)
    {
        int w = cutout.Image.Width, h = cutout.Image.Height;
        var cell = Math.Max(w, h) / (float)cells;
        var cols = Math.Max(2, (int)MathF.Ceiling(w / cell) + 1);
        var rows = Math.Max(2, (int)MathF.Ceiling(h / cell) + 1);
        var source = new SKPoint[cols * rows];
        var target = new SKPoint[source.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var p = new SKPoint(Math.Min(w, c * cell), Math.Min(h, r * cell));
                source[(r * cols) + c] = p;
                target[(r * cols) + c] = map(p);
            }
        }

        var drawn = new bool[(cols - 1) * (rows - 1)];
        var mask = cutout.Mask;
        for (var r = 0; r < rows - 1; r++)
        {
            for (var c = 0; c < cols - 1; c++)
            {
                int x0 = (int)source[(r * cols) + c].X, y0 = (int)source[(r * cols) + c].Y;
                int x1 = Math.Min(w, (int)MathF.Ceiling(source[(r * cols) + c + 1].X)), y1 = Math.Min(h, (int)MathF.Ceiling(source[((r + 1) * cols) + c].Y));
                drawn[(r * (cols - 1)) + c] = AnyCloth(mask.Data, w, x0, y0, x1, y1);
            }
        }

        return new MeshWarp(cols, rows, source, target, drawn);
    }

    /// <summary>Renders the mesh onto a transparent, premultiplied canvas of the person's size.</summary>
    /// <param name="depth">Per cut-out point: higher is drawn later (on top).</param>
    public SKBitmap Render(GarmentCutout cutout, int canvasWidth, int canvasHeight, Func<SKPoint, float> depth)
    {
        var cellsInOrder = new List<(float Depth, int Index)>();
        for (var i = 0; i < _drawn.Length; i++)
        {
            if (_drawn[i])
            {
                var (r, c) = (i / (Cols - 1), i % (Cols - 1));
                var centre = Mid(_source[(r * Cols) + c], _source[((r + 1) * Cols) + c + 1]);
                cellsInOrder.Add((depth(centre), i));
            }
        }

        // Stable order: by depth, then by cell index, so the same inputs draw the same pixels.
        cellsInOrder.Sort((a, b) => a.Depth != b.Depth ? a.Depth.CompareTo(b.Depth) : a.Index.CompareTo(b.Index));
        var layer = new SKBitmap(new SKImageInfo(canvasWidth, canvasHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        layer.Erase(SKColors.Transparent);
        var canvas = layer.GetPixelSpan();
        var triangles = new TexturedTriangles(cutout.Image);
        foreach (var (_, i) in cellsInOrder)
        {
            var (r, c) = (i / (Cols - 1), i % (Cols - 1));
            var a = (r * Cols) + c;
            var (b, d, e) = (a + 1, a + Cols, a + Cols + 1);
            triangles.Draw(canvas, canvasWidth, canvasHeight, _target[a], _target[b], _target[d], _source[a], _source[b], _source[d]);
            triangles.Draw(canvas, canvasWidth, canvasHeight, _target[b], _target[e], _target[d], _source[b], _source[e], _source[d]);
        }

        return layer;
    }

    /// <summary>Where a cut-out point lands: through the triangle of the mesh that holds it (exactly as drawn).</summary>
    public SKPoint Map(SKPoint point)
    {
        var cellW = _source[1].X - _source[0].X;
        var cellH = _source[Cols].Y - _source[0].Y;
        var c = Math.Clamp((int)(point.X / cellW), 0, Cols - 2);
        var r = Math.Clamp((int)(point.Y / cellH), 0, Rows - 2);
        var a = (r * Cols) + c;
        var (sa, sb, sd) = (_source[a], _source[a + 1], _source[a + Cols]);
        var fu = (point.X - sa.X) / Math.Max(1e-3f, sb.X - sa.X);
        var fv = (point.Y - sa.Y) / Math.Max(1e-3f, sd.Y - sa.Y);
        var (ta, tb, td, te) = (_target[a], _target[a + 1], _target[a + Cols], _target[a + Cols + 1]);
        return fu + fv <= 1
            ? new SKPoint(ta.X + (fu * (tb.X - ta.X)) + (fv * (td.X - ta.X)), ta.Y + (fu * (tb.Y - ta.Y)) + (fv * (td.Y - ta.Y)))
            : new SKPoint(te.X + ((1 - fu) * (td.X - te.X)) + ((1 - fv) * (tb.X - te.X)), te.Y + ((1 - fu) * (td.Y - te.Y)) + ((1 - fv) * (tb.Y - te.Y)));
    }

    private static bool AnyCloth(byte[] mask, int width, int x0, int y0, int x1, int y1)
    {
        for (var y = y0; y < y1; y++)
        {
            if (mask.AsSpan((y * width) + x0, Math.Max(0, x1 - x0)).IndexOfAnyExcept((byte)0) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static SKPoint Mid(SKPoint a, SKPoint b) => new((a.X + b.X) / 2f, (a.Y + b.Y) / 2f);
}
