using Drape.Imaging.Color;
using Drape.Imaging.Masks;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// The person's own colours, as the try-on masks read them: their skin tone, the median colour of a part of them,
/// and whether a pixel is bare skin of that tone.
/// </summary>
internal static class PersonColours
{
    /// <summary>The median of skin-like pixels around the face, else around the hands, else a neutral tone.</summary>
    public static SKColor SkinTone(SKBitmap person, BodyFrame body)
    {
        var samples = new List<Lab>();
        if (body.HeadCentre is { } head)
        {
            samples.AddRange(Disc(person, body.PersonMask, head + new SKPoint(0, 0.3f * body.HeadRadius), 0.5f * body.HeadRadius).Where(SkinPixelFilter.IsSkinLike));
        }

        if (samples.Count < 10)
        {
            samples.AddRange(Disc(person, body.PersonMask, body.RightWrist, 0.12f * body.ShoulderWidth).Where(SkinPixelFilter.IsSkinLike));
            samples.AddRange(Disc(person, body.PersonMask, body.LeftWrist, 0.12f * body.ShoulderWidth).Where(SkinPixelFilter.IsSkinLike));
        }

        if (samples.Count < 10)
        {
            return new SKColor(196, 154, 128);
        }

        var (r, g, b) = ColorSpaces.ToSrgb(RobustLab.Median(samples));
        return new SKColor(r, g, b);
    }

    /// <summary>The median colour of the person's pixels in a disc, or null when fewer than 20 are inside the person.</summary>
    public static Lab? MedianAround(SKBitmap person, Mask personMask, SKPoint centre, float radius) =>
        Disc(person, personMask, centre, radius) is { Count: >= 20 } samples ? RobustLab.Median(samples) : null;

    /// <summary>
    /// Bare skin, stricter than skin-like: the pixel's chroma is at least half the person's skin tone's (and ≥ 12) and
    /// its hue within 25° of it, so grey or beige clothes in warm light do not count as a bare limb.
    /// </summary>
    public static bool IsBare(Lab lab, Lab tone)
    {
        var toneChroma = MathF.Sqrt((tone.A * tone.A) + (tone.B * tone.B));
        var toneHue = MathF.Atan2(tone.B, tone.A) * 180f / MathF.PI;
        var chroma = MathF.Sqrt((lab.A * lab.A) + (lab.B * lab.B));
        var hue = MathF.Atan2(lab.B, lab.A) * 180f / MathF.PI;
        return SkinPixelFilter.IsSkinLike(lab) && chroma >= Math.Max(12f, 0.5f * toneChroma) && MathF.Abs(hue - toneHue) <= 25f;
    }

    /// <summary>The colours of the person's pixels in a disc (read with a stride: about 17 across).</summary>
    private static List<Lab> Disc(SKBitmap person, Mask personMask, SKPoint centre, float radius)
    {
        var samples = new List<Lab>();
        var step = Math.Max(1, (int)(radius / 8));
        for (var y = (int)(centre.Y - radius); y <= centre.Y + radius; y += step)
        {
            for (var x = (int)(centre.X - radius); x <= centre.X + radius; x += step)
            {
                if (x >= 0 && y >= 0 && x < person.Width && y < person.Height && personMask[x, y] >= 128)
                {
                    var c = person.GetPixel(x, y);
                    samples.Add(ColorSpaces.ToLab(c.Red, c.Green, c.Blue));
                }
            }
        }

        return samples;
    }
}
