using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Vision.Skin;
using SkiaSharp;
using static Drape.Vision.TryOn.BodyFrame;

namespace Drape.Vision.TryOn;

/// <summary>
/// What stays in front of the new garment and what of the old one must go, from the keypoints and the person mask:
/// <list type="bullet">
/// <item>keep on top: the head (an ellipse around the face keypoints, taller above for hair, and all of the person above
/// the neck within 1.5 head radii of the face, so a hood or collar never covers it) and the neck (upper and dress); the hands (a disc past each wrist); and each bare limb part the garment does not reach (forearms below a
/// short sleeve; legs below shorts or a dress) when at least 35% of its pixels are skin-like, all inside the person mask;</item>
/// <item>replace: the trunk polygon of the placed garment inside the person mask, and each limb part below the
/// garment that is mostly not skin (an old sleeve or trouser leg): the compositor fills what the new garment leaves
/// of it with the person's skin tone;</item>
/// <item>skin tone: the median of skin-like pixels around the face (else the hands; else a neutral tone).</item>
/// </list>
/// </summary>
internal sealed record TryOnMasks(Mask KeepOnTop, Mask Replace, SKColor SkinTone)
{
    private const float SkinLimb = 0.35f;

    /// <summary>The chin's depth below the face keypoints' centre, in head radii.</summary>
    private const float ChinBelowHead = 1.5f;

    public static TryOnMasks Build(SKBitmap person, BodyFrame body, GarmentCategory category, GarmentLandmarks g, GarmentFit fit)
    {
        int w = person.Width, h = person.Height;
        var sw = body.ShoulderWidth;
        var down = body.Down;
        using var keep = new Canvas(w, h);
        using var replace = new Canvas(w, h);
        var skin = SampleSkinTone(person, body);

        using var skinOnly = new Canvas(w, h);
        using var neck = new Canvas(w, h);
        var chin = float.MaxValue;
        if (category != GarmentCategory.Lower && body.HeadCentre is { } head)
        {
            // The face and hair down to the chin stay whatever they are; below the chin only skin stays (the old
            // collar is not the face), and the neck down to the new garment's neckline is the person's neck: its
            // skin stays, anything else there is the old garment and gives way to skin tone.
            var r = body.HeadRadius;
            chin = head.Y + (ChinBelowHead * r);
            keep.Oval(new SKRect(head.X - (1.2f * r), head.Y - (1.7f * r), head.X + (1.2f * r), chin));
            skinOnly.Oval(new SKRect(head.X - (1.2f * r), head.Y - (1.7f * r), head.X + (1.2f * r), head.Y + (1.8f * r)));
            var neckBase = body.ShoulderCentre - Scale(down, 0.2f * sw);
            var neckWidth = 1.05f * r;
            var neckline = fit.Map(g.NeckCentre) + Scale(down, 0.1f * neckWidth);
            var neckEnd = Dot(neckline - neckBase, down) > 0 ? neckline : neckBase;
            neck.Capsule(head, neckEnd - Scale(down, neckWidth / 2f), neckWidth);
        }

        foreach (var (elbow, wrist) in new[] { (body.RightElbow, body.RightWrist), (body.LeftElbow, body.LeftWrist) })
        {
            // A hand is skin: the disc past the wrist keeps only skin-like pixels (a wrist found on the wrong arm must
            // not cut a hole showing the old garment).
            skinOnly.Circle(wrist + Scale(Unit(wrist - elbow), 0.25f * sw), 0.2f * sw);
        }

        if (category == GarmentCategory.Lower)
        {
            replace.Polygon([fit.RightAnchor, fit.LeftAnchor, fit.Map(g.LeftHem), fit.Map(g.RightHem)]);
        }
        else
        {
            replace.Polygon([fit.Map(g.RightShoulder), fit.Map(g.LeftShoulder), fit.Map(g.LeftArmpit), fit.Map(g.LeftHem), fit.Map(g.RightHem), fit.Map(g.RightArmpit)]);
            Limb(person, body.PersonMask, keep, replace, [body.RightShoulder, body.RightElbow, body.RightWrist], fit.SleeveReach, 0.13f * sw);
            Limb(person, body.PersonMask, keep, replace, [body.LeftShoulder, body.LeftElbow, body.LeftWrist], fit.SleeveReach, 0.13f * sw);
        }

        if (category != GarmentCategory.Upper)
        {
            var legWidth = 0.3f * SKPoint.Distance(body.RightHip, body.LeftHip) + (0.08f * sw);
            Limb(person, body.PersonMask, keep, replace, [body.RightHip, body.RightKnee, body.RightAnkle], fit.LegReach, legWidth);
            Limb(person, body.PersonMask, keep, replace, [body.LeftHip, body.LeftKnee, body.LeftAnkle], fit.LegReach, legWidth);
        }

        var keepMask = keep.ToMask();
        var replaceMask = replace.ToMask();
        KeepSkin(person, skinOnly.ToMask(), neck.ToMask(), keepMask, replaceMask, chin);
        var person01 = body.PersonMask;
        for (var i = 0; i < keepMask.Data.Length; i++)
        {
            var inside = person01.Data[i];
            if (inside == 255 || (keepMask.Data[i] | replaceMask.Data[i]) == 0)
            {
                continue;
            }

            keepMask.Data[i] = (byte)(keepMask.Data[i] * inside / 255);
            replaceMask.Data[i] = (byte)(replaceMask.Data[i] * inside / 255);
        }

        if (category != GarmentCategory.Lower && body.HeadCentre is { } face)
        {
            // Around the face, above the neck, nothing of the garment shows (a hood or a high collar lies behind the head).
            var r = body.HeadRadius;
            var bottom = Math.Clamp((int)Math.Min(body.ShoulderCentre.Y - (0.3f * sw), chin), 0, h);
            for (var y = 0; y < bottom; y++)
            {
                for (var x = Math.Max(0, (int)(face.X - (1.5f * r))); x < Math.Min(w, (int)(face.X + (1.5f * r))); x++)
                {
                    keepMask[x, y] = 255;
                }
            }
        }

        keepMask.Blur(2);
        return new TryOnMasks(keepMask, replaceMask, skin);
    }

    /// <summary>
    /// Adds the skin-like pixels of <paramref name="skinOnly"/> and <paramref name="neck"/> (gaps between fingers closed and slightly grown, so their
    /// edges stay) to <paramref name="keep"/>, and the neck's other pixels below <paramref name="chin"/> (the old
    /// collar) to <paramref name="replace"/>.
    /// </summary>
    private static void KeepSkin(SKBitmap person, Mask skinOnly, Mask neck, Mask keep, Mask replace, float chin)
    {
        var w = person.Width;
        var pixels = person.GetPixelSpan();
        var skin = new Mask(w, person.Height);
        for (var i = 0; i < skin.Data.Length; i++)
        {
            if (skinOnly.Data[i] == 0 && neck.Data[i] == 0)
            {
                continue;
            }

            var p = i * 4;
            skin.Data[i] = SkinPixelFilter.IsSkinLikeRgb(pixels[p], pixels[p + 1], pixels[p + 2]) ? (byte)255 : (byte)0;
        }

        skin.Open(1).Close(4).Dilate(2);
        for (var i = 0; i < skin.Data.Length; i++)
        {
            var area = Math.Max(skinOnly.Data[i], neck.Data[i]);
            if (area == 0)
            {
                continue;
            }

            if (skin.Data[i] > 0)
            {
                keep.Data[i] = Math.Max(keep.Data[i], area);
            }
            else if (neck.Data[i] > 0 && i / w > chin)
            {
                replace.Data[i] = Math.Max(replace.Data[i], neck.Data[i]);
            }
        }
    }

    /// <summary>The part of a limb chain past <paramref name="reach"/> (share of its length): kept when bare skin, else replaced.</summary>
    private static void Limb(SKBitmap person, Mask personMask, Canvas keep, Canvas replace, SKPoint[] chain, float reach, float halfWidth)
    {
        var first = SKPoint.Distance(chain[0], chain[1]);
        var total = first + SKPoint.Distance(chain[1], chain[2]);
        if (reach >= 1f || total < 1)
        {
            return;
        }

        var at = reach * total;
        var start = at <= first ? chain[0] + Scale(Unit(chain[1] - chain[0]), at) : chain[1] + Scale(Unit(chain[2] - chain[1]), at - first);
        var points = at <= first ? new[] { start, chain[1], chain[2] } : [start, chain[2]];
        var (skin, seen) = (0, 0);
        for (var i = 0; i < points.Length - 1; i++)
        {
            for (var t = 0f; t <= 1f; t += 0.05f)
            {
                var p = points[i] + Scale(points[i + 1] - points[i], t);
                for (var k = -1; k <= 1; k++)
                {
                    var q = p + Scale(new SKPoint(1, 0), k * halfWidth * 0.5f);
                    int x = (int)q.X, y = (int)q.Y;
                    if (x < 0 || y < 0 || x >= person.Width || y >= person.Height || personMask[x, y] < 128)
                    {
                        continue;
                    }

                    var c = person.GetPixel(x, y);
                    seen++;
                    if (SkinPixelFilter.IsSkinLikeRgb(c.Red, c.Green, c.Blue))
                    {
                        skin++;
                    }
                }
            }
        }

        var target = seen > 0 && skin >= SkinLimb * seen ? keep : replace;
        for (var i = 0; i < points.Length - 1; i++)
        {
            target.Capsule(points[i], points[i + 1], 2 * halfWidth);
        }
    }

    private static SKColor SampleSkinTone(SKBitmap person, BodyFrame body)
    {
        var samples = new List<Lab>();
        void Around(SKPoint centre, float radius)
        {
            var step = Math.Max(1, (int)(radius / 8));
            for (var y = (int)(centre.Y - radius); y <= centre.Y + radius; y += step)
            {
                for (var x = (int)(centre.X - radius); x <= centre.X + radius; x += step)
                {
                    if (x < 0 || y < 0 || x >= person.Width || y >= person.Height || body.PersonMask[x, y] < 128)
                    {
                        continue;
                    }

                    var c = person.GetPixel(x, y);
                    var lab = ColorSpaces.ToLab(c.Red, c.Green, c.Blue);
                    if (SkinPixelFilter.IsSkinLike(lab))
                    {
                        samples.Add(lab);
                    }
                }
            }
        }

        if (body.HeadCentre is { } head)
        {
            Around(head + new SKPoint(0, 0.3f * body.HeadRadius), 0.5f * body.HeadRadius);
        }

        if (samples.Count < 10)
        {
            Around(body.RightWrist, 0.12f * body.ShoulderWidth);
            Around(body.LeftWrist, 0.12f * body.ShoulderWidth);
        }

        if (samples.Count < 10)
        {
            return new SKColor(196, 154, 128);
        }

        float Median(Func<Lab, float> part) => samples.Select(part).Order().ElementAt(samples.Count / 2);
        var (r, g, b) = ColorSpaces.ToSrgb(new Lab(Median(l => l.L), Median(l => l.A), Median(l => l.B)));
        return new SKColor(r, g, b);
    }

    /// <summary>An Alpha8 drawing surface for the masks' shapes.</summary>
    private sealed class Canvas : IDisposable
    {
        private readonly SKBitmap _bitmap;
        private readonly SKCanvas _canvas;
        private readonly SKPaint _fill = new() { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Fill };

        public Canvas(int width, int height)
        {
            _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
            _canvas = new SKCanvas(_bitmap);
            _canvas.Clear(SKColors.Transparent);
        }

        public void Oval(SKRect rect) => _canvas.DrawOval(rect, _fill);

        public void Rect(SKRect rect) => _canvas.DrawRect(rect, _fill);

        public void Circle(SKPoint centre, float radius) => _canvas.DrawCircle(centre, radius, _fill);

        public void Capsule(SKPoint a, SKPoint b, float width)
        {
            using var stroke = new SKPaint { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
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
}
