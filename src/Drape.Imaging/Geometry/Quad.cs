using SkiaSharp;

namespace Drape.Imaging.Geometry;

/// <summary>
/// A target quadrilateral in image pixels, corners in clockwise order from the top left. A garment cut-out's
/// bounding box is mapped onto it (bilinearly, no perspective).
/// </summary>
public readonly record struct Quad(SKPoint TopLeft, SKPoint TopRight, SKPoint BottomRight, SKPoint BottomLeft)
{
    public SKRect Bounds => SKRect.Create(
        MathF.Min(MathF.Min(TopLeft.X, TopRight.X), MathF.Min(BottomLeft.X, BottomRight.X)),
        MathF.Min(MathF.Min(TopLeft.Y, TopRight.Y), MathF.Min(BottomLeft.Y, BottomRight.Y)),
        MathF.Max(MathF.Max(TopLeft.X, TopRight.X), MathF.Max(BottomLeft.X, BottomRight.X)) - MathF.Min(MathF.Min(TopLeft.X, TopRight.X), MathF.Min(BottomLeft.X, BottomRight.X)),
        MathF.Max(MathF.Max(TopLeft.Y, TopRight.Y), MathF.Max(BottomLeft.Y, BottomRight.Y)) - MathF.Min(MathF.Min(TopLeft.Y, TopRight.Y), MathF.Min(BottomLeft.Y, BottomRight.Y)));

    /// <summary>The point at (u, v) in the unit square, mapped bilinearly onto the quad.</summary>
    public SKPoint Map(float u, float v)
    {
        var top = TopLeft + new SKPoint((TopRight.X - TopLeft.X) * u, (TopRight.Y - TopLeft.Y) * u);
        var bottom = BottomLeft + new SKPoint((BottomRight.X - BottomLeft.X) * u, (BottomRight.Y - BottomLeft.Y) * u);
        return new SKPoint(top.X + ((bottom.X - top.X) * v), top.Y + ((bottom.Y - top.Y) * v));
    }
}
