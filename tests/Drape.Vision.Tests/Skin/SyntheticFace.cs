using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.Tests.Skin;

/// <summary>
/// Paints a flat, face-like figure: skin oval, dark hair and fringe, brows, white eyes with dark irises, a nose shadow and
/// red lips, drawn in face units (inter-eye distance 1, origin between the eyes, y towards the chin) and rolled.
/// </summary>
internal sealed record SyntheticFace(SKColor Skin, float EyeDistance = 80, float RollDegrees = 0, int NoiseAmplitude = 8)
{
    public SKColor Hair { get; init; } = new(45, 30, 22);

    /// <summary>Hair hanging over the forehead down to this many eye distances above the eye line; null for none.</summary>
    public float? FringeDownTo { get; init; }

    public SKColor Fringe { get; init; } = new(45, 30, 22);

    /// <summary>Adds a deep shadow and a specular highlight inside the left cheek's region.</summary>
    public bool ShadowAndHighlight { get; init; }

    public int Size => (int)(EyeDistance * 4f);

    public SKPoint Origin => new(Size / 2f, Size * 0.42f);

    public SKPoint ToImage(float x, float y)
    {
        var roll = RollDegrees * MathF.PI / 180f;
        float cos = MathF.Cos(roll), sin = MathF.Sin(roll);
        return new SKPoint(Origin.X + (EyeDistance * ((x * cos) - (y * sin))), Origin.Y + (EyeDistance * ((x * sin) + (y * cos))));
    }

    public FaceDetection Detection()
    {
        SKPoint[] corners = [ToImage(-1.05f, -1.1f), ToImage(1.05f, -1.1f), ToImage(-1.05f, 1.6f), ToImage(1.05f, 1.6f)];
        var box = new SKRect(corners.Min(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.X), corners.Max(c => c.Y));
        return new FaceDetection(box, 0.95f, [ToImage(-0.5f, 0), ToImage(0.5f, 0), ToImage(0, 0.65f), ToImage(0, 1.05f), ToImage(-1f, 0.25f), ToImage(1f, 0.25f)]);
    }

    public SKBitmap Paint()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(110, 127, 145));
            canvas.Translate(Origin.X, Origin.Y);
            canvas.RotateDegrees(RollDegrees);
            canvas.Scale(EyeDistance);
            Oval(canvas, Hair, 0, -0.2f, 1.25f, 1.55f);
            Oval(canvas, Skin, 0, 0.3f, 1.0f, 1.3f);
            if (FringeDownTo is { } fringe)
            {
                Rect(canvas, Fringe, new SKRect(-1f, -1.1f, 1f, -fringe));
            }

            foreach (var side in new[] { -0.5f, 0.5f })
            {
                Rect(canvas, new SKColor(60, 40, 30), SKRect.Create(side - 0.22f, -0.34f, 0.44f, 0.09f));
                Oval(canvas, new SKColor(235, 235, 230), side, 0, 0.2f, 0.09f);
                Oval(canvas, new SKColor(50, 35, 25), side, 0, 0.08f, 0.08f);
                Oval(canvas, Scale(Skin, 0.5f), side * 0.24f, 0.65f, 0.06f, 0.04f); // nostrils
            }

            Oval(canvas, Scale(Skin, 0.8f), 0, 0.42f, 0.07f, 0.2f); // nose-side shadow
            Oval(canvas, new SKColor(190, 40, 55), 0, 1.05f, 0.32f, 0.11f);
            if (ShadowAndHighlight)
            {
                Oval(canvas, Scale(Skin, 0.55f), 0.68f, 0.58f, 0.08f, 0.08f);
                Oval(canvas, new SKColor(252, 250, 247), 0.45f, 0.45f, 0.05f, 0.05f);
            }
        }

        AddNoise(bitmap);
        return bitmap;
    }

    private void AddNoise(SKBitmap bitmap)
    {
        if (NoiseAmplitude == 0)
        {
            return;
        }

        var random = new Random(7);
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            pixels[i] = new SKColor(Jitter(p.Red, random), Jitter(p.Green, random), Jitter(p.Blue, random));
        }

        bitmap.Pixels = pixels;
    }

    private byte Jitter(byte value, Random random) => (byte)Math.Clamp(value + random.Next(-NoiseAmplitude, NoiseAmplitude + 1), 0, 255);

    private static SKColor Scale(SKColor c, float f) => new((byte)(c.Red * f), (byte)(c.Green * f), (byte)(c.Blue * f));

    private static void Oval(SKCanvas canvas, SKColor colour, float x, float y, float rx, float ry)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawOval(x, y, rx, ry, paint);
    }

    private static void Rect(SKCanvas canvas, SKColor colour, SKRect rect)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawRect(rect, paint);
    }
}
