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
/// the neck within 1.5 head radii of the face, so a hood or collar never covers it) and the neck's skin (upper and
/// dress); the hands (a disc past each wrist); and each bare limb bone the garment does not reach (forearms below a
/// short sleeve; legs below shorts or a dress) when at least half its pixels are bare skin, all inside the person mask;</item>
/// <item>replace: the trunk polygon of the placed garment inside the person mask, each limb bone that is not bare
/// (an old sleeve or trouser leg, <see cref="Limb"/>), and the old collar's pixels between the chin, the neckline
/// and the new shoulder line: the compositor fills what the new garment leaves of it with the person's skin tone;</item>
/// <item>skin tone: the median of skin-like pixels around the face (else the hands; else a neutral tone), and its
/// shading where it fills a limb: darker towards the limb's edges, as a rounded arm or leg is lit.</item>
/// </list>
/// </summary>
internal sealed record TryOnMasks(Mask KeepOnTop, Mask Replace, SKColor SkinTone, Mask FillShade)
{
    /// <summary>A replaced limb's capsule is this much wider than a bare one: an old sleeve or trouser leg is looser than the limb.</summary>
    private const float LooseLimb = 1.35f;

    /// <summary>The fill's shade at a limb's edge (255 = the skin tone itself, at its axis).</summary>
    private const byte LimbEdgeShade = 150;

    private const float SkinLimb = 0.5f;

    /// <summary>How near (<see cref="ColorSpaces.ShadedDistance"/>) a pixel's colour is to the old top's on the chest to count as the old top.</summary>
    private const float OldTopDistance = 18f;

    /// <summary>Half the width of the new garment's neck opening, where an old collar may show, in shoulder widths.</summary>
    private const float NecklineHalfWidth = 0.22f;

    /// <summary>
    /// The collar area above the new garment reaches this share of its shoulder line in from each shoulder point
    /// (further out, what shows above the garment is the shoulder's own outline, or hair).
    /// </summary>
    private const float CollarInset = 0.15f;

    /// <summary>The chin's depth below the face keypoints' centre, in head radii.</summary>
    private const float ChinBelowHead = 1.4f;

    public static TryOnMasks Build(SKBitmap person, BodyFrame body, GarmentCategory category, GarmentLandmarks g, GarmentFit fit)
    {
        int w = person.Width, h = person.Height;
        var sw = body.ShoulderWidth;
        var down = body.Down;
        using var keep = new MaskCanvas(w, h);
        using var replace = new MaskCanvas(w, h);
        using var shade = new MaskCanvas(w, h, SKColors.White);
        var skin = PersonColours.SkinTone(person, body);
        var tone = ColorSpaces.ToLab(skin.Red, skin.Green, skin.Blue);

        using var skinOnly = new MaskCanvas(w, h);
        using var neck = new MaskCanvas(w, h);
        var chin = float.MaxValue;
        if (category != GarmentCategory.Lower)
        {
            // The face and hair down to the chin stay whatever they are; below the chin only skin stays (the old
            // collar is not the face), and the neck down to the new garment's neckline — widening to the neckline's
            // width, where an old collar or lapels show above a lower neckline — is the person's neck and chest: its
            // skin stays, anything else there is the old garment and gives way to skin tone; so does what of the old
            // garment shows above the new one's shoulder line towards the neck (a jacket's collar stands higher than a
            // tee's). Without a face (a crop below the chin) the neck is taken as reaching half a shoulder width above
            // the neckline.
            var neckBase = body.ShoulderCentre - Scale(down, 0.2f * sw);
            var neckWidth = body.HeadCentre is null ? 0.3f * sw : 1.05f * body.HeadRadius;
            var neckline = fit.Map(g.NeckCentre) + Scale(down, 0.1f * neckWidth);
            var neckEnd = Dot(neckline - neckBase, down) > 0 ? neckline : neckBase;
            var neckTop = neckEnd - Scale(down, 0.5f * sw);
            if (body.HeadCentre is { } head)
            {
                var r = body.HeadRadius;
                chin = head.Y + (ChinBelowHead * r);
                keep.Oval(new SKRect(head.X - (1.2f * r), head.Y - (1.7f * r), head.X + (1.2f * r), chin));
                skinOnly.Oval(new SKRect(head.X - (1.2f * r), head.Y - (1.7f * r), head.X + (1.2f * r), head.Y + (1.8f * r)));
                neckTop = head;
            }
            else
            {
                chin = Math.Max(0f, neckTop.Y);
            }

            neck.Capsule(neckTop, neckEnd - Scale(down, neckWidth / 2f), neckWidth);
            var (across, half) = (body.Across, neckWidth / 2f);
            var (right, left) = (fit.Map(g.RightShoulder), fit.Map(g.LeftShoulder));
            neck.Polygon([neckTop - Scale(across, half), neckTop + Scale(across, half), Lerp(right, left, 1f - CollarInset),
                neckEnd + Scale(across, NecklineHalfWidth * sw), neckEnd - Scale(across, NecklineHalfWidth * sw), Lerp(right, left, CollarInset)]);
        }

        foreach (var (elbow, wrist) in new[] { (body.RightElbow, body.RightWrist), (body.LeftElbow, body.LeftWrist) })
        {
            // A hand is skin: the disc past the wrist keeps only skin-like pixels (a wrist found on the wrong arm must
            // not cut a hole showing the old garment).
            skinOnly.Circle(wrist + Scale(Unit(wrist - elbow), 0.25f * sw), 0.2f * sw);
        }

        if (category == GarmentCategory.Lower)
        {
            // Waistband to hem, as wide as the garment's waist or hem (whichever is wider) about its own vertical, so
            // an off-centre hem in the photo does not skew the area.
            var half = Math.Max(g.LeftWaist.X - g.RightWaist.X, g.LeftHem.X - g.RightHem.X) / 2f;
            var (cx, hemY) = (g.WaistCentre.X, g.HemCentre.Y);
            replace.Polygon([fit.RightAnchor, fit.LeftAnchor, fit.Map(new SKPoint(cx + half, hemY)), fit.Map(new SKPoint(cx - half, hemY))]);
        }
        else
        {
            replace.Polygon([fit.Map(g.RightShoulder), fit.Map(g.LeftShoulder), fit.Map(g.LeftArmpit), fit.Map(g.LeftHem), fit.Map(g.RightHem), fit.Map(g.RightArmpit)]);
            Limb(person, body.PersonMask, keep, replace, shade, [body.RightShoulder, body.RightElbow, body.RightWrist], fit.SleeveReach, 0.13f * sw, tone);
            Limb(person, body.PersonMask, keep, replace, shade, [body.LeftShoulder, body.LeftElbow, body.LeftWrist], fit.SleeveReach, 0.13f * sw, tone);
        }

        if (category != GarmentCategory.Upper)
        {
            var legWidth = 0.3f * SKPoint.Distance(body.RightHip, body.LeftHip) + (0.08f * sw);
            Limb(person, body.PersonMask, keep, replace, shade, [body.RightHip, body.RightKnee, body.RightAnkle], fit.LegReach, legWidth, tone);
            Limb(person, body.PersonMask, keep, replace, shade, [body.LeftHip, body.LeftKnee, body.LeftAnkle], fit.LegReach, legWidth, tone);
        }

        var keepMask = keep.ToMask();
        var replaceMask = replace.ToMask();
        KeepSkin(person, skinOnly.ToMask(), neck.ToMask(), keepMask, replaceMask, chin, tone);
        if (category == GarmentCategory.Upper)
        {
            OldTop(person, body, g, fit, tone, replaceMask);
        }

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
        return new TryOnMasks(keepMask, replaceMask, skin, shade.ToMask());
    }

    /// <summary>
    /// Adds the skin-like pixels of <paramref name="skinOnly"/> and the bare-skin pixels (<see cref="PersonColours.IsBare"/>) of
    /// <paramref name="neck"/> below <paramref name="chin"/> (gaps between fingers closed and slightly grown, so their
    /// edges stay) to <paramref name="keep"/>, and the neck's other pixels below the chin (the old collar) to
    /// <paramref name="replace"/>.
    /// </summary>
    private static void KeepSkin(SKBitmap person, Mask skinOnly, Mask neck, Mask keep, Mask replace, float chin, Lab tone)
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

            // The face and hands are judged skin-like; the neck below the chin strictly (bare skin of the person's
            // tone), as a pink or beige collar there is the old garment, not the neck.
            var p = i * 4;
            var bare = skinOnly.Data[i] > 0 && !(neck.Data[i] > 0 && i / w > chin)
                ? SkinPixelFilter.IsSkinLikeRgb(pixels[p], pixels[p + 1], pixels[p + 2])
                : PersonColours.IsBare(ColorSpaces.ToLab(pixels[p], pixels[p + 1], pixels[p + 2]), tone);
            skin.Data[i] = bare ? (byte)255 : (byte)0;
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

    /// <summary>
    /// The part of a limb chain past <paramref name="reach"/> (share of its length), bone by bone: a bone that is at
    /// least <see cref="SkinLimb"/> skin-like is kept (bare), any other is replaced (a looser capsule, so the old
    /// sleeve's or trouser leg's edges go too) with a rounded limb's shading for the fill. Bone by bone, because a bent
    /// limb can be bare below the knee and clothed above it, or the other way round.
    /// </summary>
    private static void Limb(SKBitmap person, Mask personMask, MaskCanvas keep, MaskCanvas replace, MaskCanvas shade, SKPoint[] chain, float reach, float halfWidth, Lab tone)
    {
        var total = SKPoint.Distance(chain[0], chain[1]) + SKPoint.Distance(chain[1], chain[2]);
        if (total < 1)
        {
            return;
        }

        // Within the garment's reach a clothed bone is replaced too (at the limb's own width): the new garment covers
        // most of it, and where the pose takes the limb outside the garment (a knee raised beside a dress, an old puffed
        // sleeve) the old garment gives way to skin rather than showing.
        var within = Until(chain, Math.Min(1f, reach) * total);
        for (var i = 0; i < within.Length - 1; i++)
        {
            if (SKPoint.Distance(within[i], within[i + 1]) >= 2 && SkinShare(person, personMask, within[i], within[i + 1], halfWidth, tone) is not >= SkinLimb)
            {
                replace.Capsule(within[i], within[i + 1], 2 * halfWidth);
                shade.Cylinder(within[i], within[i + 1], 2 * halfWidth, LimbEdgeShade);
            }
        }

        if (reach >= 1f)
        {
            return;
        }

        var points = From(chain, reach * total);
        // Replaced from a little above the garment's reach: the new garment covers the overlap, and a hem that is not
        // square to the limb leaves no strip of the old garment.
        var replaced = From(chain, Math.Max(0f, (reach - 0.1f) * total));
        for (var i = 0; i < points.Length - 1; i++)
        {
            var (from, to) = (points[i], points[i + 1]);
            if (SkinShare(person, personMask, from, to, halfWidth, tone) is { } share && share >= SkinLimb)
            {
                keep.Capsule(from, to, 2 * halfWidth);
                continue;
            }

            // The same bone in the replaced chain: the first bone takes every replaced segment up to its end.
            var segments = i == 0 ? Bones(replaced).Take(replaced.Length - points.Length + 1) : [(from, to)];
            foreach (var (a, b) in segments)
            {
                replace.Capsule(a, b, 2 * LooseLimb * halfWidth);
                shade.Cylinder(a, b, 2 * LooseLimb * halfWidth, LimbEdgeShade);
            }
        }
    }

    /// <summary>
    /// What of the old top shows beyond a new top that is shorter or sits lower on the shoulders: the pixels of the
    /// old top's colour (the median on the chest, within <see cref="OldTopDistance"/>, lightness counted half) below the new hem
    /// down to a fifth of the torso below the hips (only to the hips when the thighs are that colour too: trousers of
    /// the same colour, or a seated lap), and above the new shoulder line, are replaced (skin shows there). Nothing when the chest is bare skin or hidden.
    /// </summary>
    private static void OldTop(SKBitmap person, BodyFrame body, GarmentLandmarks g, GarmentFit fit, Lab tone, Mask replace)
    {
        var (sw, down, across) = (body.ShoulderWidth, body.Down, body.Across);
        var chest = body.ShoulderCentre + Scale(down, 0.5f * body.TorsoLength);
        if (PersonColours.MedianAround(person, body.PersonMask, chest, 0.12f * sw) is not { } old || PersonColours.IsBare(old, tone))
        {
            return;
        }

        using var area = new MaskCanvas(person.Width, person.Height);
        var (hemRight, hemLeft) = (fit.Map(g.RightHem), fit.Map(g.LeftHem));
        // Down to a fifth of the torso below the hips, or only to the hips when the thighs are the old top's colour
        // too (black leggings under a black top, or a seated lap).
        var thigh = Mid(Mid(body.RightHip, body.RightKnee), Mid(body.LeftHip, body.LeftKnee));
        var sameBelow = PersonColours.MedianAround(person, body.PersonMask, thigh, 0.12f * sw) is { } legs && ColorSpaces.ShadedDistance(legs, old) <= OldTopDistance;
        var low = body.HipCentre + Scale(down, sameBelow ? 0f : 0.2f * body.TorsoLength);
        if (Dot(low - Mid(hemRight, hemLeft), down) > 0)
        {
            area.Polygon([hemRight - Scale(across, 0.1f * sw), hemLeft + Scale(across, 0.1f * sw), low + Scale(across, 0.7f * sw), low - Scale(across, 0.7f * sw)]);
        }

        var (right, left) = (fit.Map(g.RightShoulder), fit.Map(g.LeftShoulder));
        area.Polygon([right, left, left - Scale(down, 0.3f * sw), right - Scale(down, 0.3f * sw)]);
        var mask = area.ToMask();
        var pixels = person.GetPixelSpan();
        for (var i = 0; i < mask.Data.Length; i++)
        {
            if (mask.Data[i] == 0 || body.PersonMask.Data[i] < 128)
            {
                continue;
            }

            var lab = ColorSpaces.ToLab(pixels[i * 4], pixels[(i * 4) + 1], pixels[(i * 4) + 2]);
            if (ColorSpaces.ShadedDistance(lab, old) <= OldTopDistance && !PersonColours.IsBare(lab, tone))
            {
                replace.Data[i] = Math.Max(replace.Data[i], mask.Data[i]);
            }
        }
    }

    /// <summary>The share of bare-skin pixels (<see cref="PersonColours.IsBare"/>) along a bone (three lines across it), inside the person; null when none is inside.</summary>
    private static float? SkinShare(SKBitmap person, Mask personMask, SKPoint from, SKPoint to, float halfWidth, Lab tone)
    {
        var across = Unit(new SKPoint(-(to.Y - from.Y), to.X - from.X));
        var (skin, seen) = (0, 0);
        for (var t = 0f; t <= 1f; t += 0.05f)
        {
            var p = from + Scale(to - from, t);
            for (var k = -1; k <= 1; k++)
            {
                var q = p + Scale(across, k * halfWidth * 0.5f);
                int x = (int)q.X, y = (int)q.Y;
                if (x < 0 || y < 0 || x >= person.Width || y >= person.Height || personMask[x, y] < 128)
                {
                    continue;
                }

                var c = person.GetPixel(x, y);
                seen++;
                skin += PersonColours.IsBare(ColorSpaces.ToLab(c.Red, c.Green, c.Blue), tone) ? 1 : 0;
            }
        }

        return seen == 0 ? null : skin / (float)seen;
    }

    /// <summary>The consecutive point pairs of a chain.</summary>
    private static IEnumerable<(SKPoint From, SKPoint To)> Bones(SKPoint[] chain) => chain.Zip(chain.Skip(1));

    /// <summary>A two-bone chain up to <paramref name="at"/> pixels along it.</summary>
    private static SKPoint[] Until(SKPoint[] chain, float at)
    {
        var first = SKPoint.Distance(chain[0], chain[1]);
        return at <= first
            ? [chain[0], chain[0] + Scale(Unit(chain[1] - chain[0]), at)]
            : [chain[0], chain[1], chain[1] + Scale(Unit(chain[2] - chain[1]), Math.Min(at - first, SKPoint.Distance(chain[1], chain[2])))];
    }

    /// <summary>The rest of a two-bone chain from <paramref name="at"/> pixels along it.</summary>
    private static SKPoint[] From(SKPoint[] chain, float at)
    {
        var first = SKPoint.Distance(chain[0], chain[1]);
        return at <= first
            ? [chain[0] + Scale(Unit(chain[1] - chain[0]), at), chain[1], chain[2]]
            : [chain[1] + Scale(Unit(chain[2] - chain[1]), at - first), chain[2]];
    }
}
