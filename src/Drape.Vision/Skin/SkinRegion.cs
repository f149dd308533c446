using SkiaSharp;

namespace Drape.Vision.Skin;

/// <summary>An ellipse in image pixels, rotated by <paramref name="AngleRadians"/> (the face's roll) about its centre.</summary>
public readonly record struct SkinRegion(string Name, SKPoint Centre, float RadiusX, float RadiusY, float AngleRadians)
{
    public bool Contains(SKPoint point)
    {
        float dx = point.X - Centre.X, dy = point.Y - Centre.Y;
        float cos = MathF.Cos(AngleRadians), sin = MathF.Sin(AngleRadians);
        var u = ((dx * cos) + (dy * sin)) / RadiusX;
        var v = ((-dx * sin) + (dy * cos)) / RadiusY;
        return (u * u) + (v * v) <= 1f;
    }

    /// <summary>The axis-aligned rectangle around the rotated ellipse.</summary>
    public SKRect Bounds
    {
        get
        {
            float cos = MathF.Cos(AngleRadians), sin = MathF.Sin(AngleRadians);
            var halfWidth = MathF.Sqrt((RadiusX * RadiusX * cos * cos) + (RadiusY * RadiusY * sin * sin));
            var halfHeight = MathF.Sqrt((RadiusX * RadiusX * sin * sin) + (RadiusY * RadiusY * cos * cos));
            return new SKRect(Centre.X - halfWidth, Centre.Y - halfHeight, Centre.X + halfWidth, Centre.Y + halfHeight);
        }
    }
}
