using Drape.Imaging.Masks;
using SkiaSharp;
using static Drape.Vision.TryOn.BodyFrame;

namespace Drape.Vision.TryOn;

/// <summary>An Alpha8 drawing surface for the try-on masks' shapes.</summary>
internal sealed class MaskCanvas : IDisposable
{
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill = new() { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Fill };

    public MaskCanvas(int width, int height, SKColor? background = null)
    {
        _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(background ?? SKColors.Transparent);
    }

    public void Oval(SKRect rect) => _canvas.DrawOval(rect, _fill);

    public void Rect(SKRect rect) => _canvas.DrawRect(rect, _fill);

    public void Circle(SKPoint centre, float radius) => _canvas.DrawCircle(centre, radius, _fill);

    public void Capsule(SKPoint a, SKPoint b, float width)
    {
        using var stroke = new SKPaint { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
        _canvas.DrawLine(a, b, stroke);
    }

    /// <summary>A capsule whose value falls from 255 on its axis to <paramref name="edge"/> at its sides (replacing what was there).</summary>
    public void Cylinder(SKPoint a, SKPoint b, float width, byte edge)
    {
        var normal = Unit(new SKPoint(-(b.Y - a.Y), b.X - a.X));
        var half = Scale(normal, width / 2f);
        var (rim, axis) = (new SKColor(255, 255, 255, edge), SKColors.White);
        using var shader = SKShader.CreateLinearGradient(a - half, a + half, [rim, axis, rim], [0f, 0.5f, 1f], SKShaderTileMode.Clamp);
        using var stroke = new SKPaint { IsAntialias = true, Shader = shader, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round, BlendMode = SKBlendMode.Src };
        _canvas.DrawLine(a, b, stroke);
    }

    public void Polygon(SKPoint[] points)
    {
        using var path = new SKPath();
        path.AddPoly(points, close: true);
        _canvas.DrawPath(path, _fill);
    }

    public Mask ToMask()
    {
        _canvas.Flush();
        var mask = new Mask(_bitmap.Width, _bitmap.Height);
        var span = _bitmap.GetPixelSpan();
        for (var y = 0; y < _bitmap.Height; y++)
        {
            span.Slice(y * _bitmap.RowBytes, _bitmap.Width).CopyTo(mask.Data.AsSpan(y * _bitmap.Width, _bitmap.Width));
        }

        return mask;
    }

    public void Dispose()
    {
        _fill.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
