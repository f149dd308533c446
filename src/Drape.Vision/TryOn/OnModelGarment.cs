using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using Drape.Vision.Pose;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// A garment cut from a photo of it being worn: its cut-out, its landmarks, and how far down its model it reaches
/// (<see cref="OnModelGarment"/>), so it reaches as far down the person — a model's or a mannequin's proportions are
/// not the person's, so the garment's own width would set its length wrong.
/// </summary>
internal sealed record WornGarment(GarmentCutout Cutout, GarmentLandmarks Landmarks, float? BodyLength);

/// <summary>
/// A garment photographed on a model: the garment is the model's person mask minus skin-like pixels and the head,
/// within the category's band of the model's body (upper: shoulders to below the hips; lower: from just above the
/// hips down; dress: shoulders down), cleaned (open, largest part, close, holes filled). On a display mannequin (its
/// face is not skin-like) the mannequin's own material — the colour at its face — goes instead of skin, unless that
/// would take most of the band with it (a black dress on a black mannequin keeps the mannequin's arms rather than vanish).
/// </summary>
internal static class OnModelGarment
{
    /// <summary>How near (lightness halved, CIELAB units) a pixel is to a mannequin's material to count as the mannequin.</summary>
    private const float MaterialDistance = 14f;

    /// <summary>Without the mannequin's material at least this share of the model's band must remain, else nothing but the head goes.</summary>
    private const float KeptByMaterial = 0.4f;

    /// <summary>
    /// <c>auto</c> on a model is upper: a worn outfit shows a top and often more, and the photo alone cannot say which
    /// piece is for sale, so send <c>lower</c> or <c>dress</c> for those.
    /// </summary>
    public static GarmentCategory Classify(BodyPose pose)
    {
        _ = pose;
        return GarmentCategory.Upper;
    }

    /// <summary>The worn garment's cut-out and landmarks, and its length on the model (<see cref="WornGarment"/>).</summary>
    public static WornGarment Extract(SKBitmap photo, GarmentCutout flat, BodyPose pose, Mask personMask, GarmentCategory category)
    {
        BodyFrame body;
        try
        {
            body = BodyFrame.From(pose, personMask);
        }
        catch (Errors.DrapeException)
        {
            return new WornGarment(Copy(flat), GarmentLandmarks.Find(flat.Mask, category), null);
        }

        var sw = body.ShoulderWidth;
        var (top, bottom) = category switch
        {
            GarmentCategory.Lower => (body.HipCentre.Y - (0.25f * body.TorsoLength), photo.Height),
            GarmentCategory.Upper => (body.ShoulderCentre.Y - (0.2f * sw), body.HipCentre.Y + (0.45f * body.TorsoLength)),
            _ => (body.ShoulderCentre.Y - (0.2f * sw), photo.Height),
        };
        var radius = Math.Max(1, Math.Max(photo.Width, photo.Height) / 250);
        var material = MannequinMaterial(photo, pose);
        Func<byte, byte, byte, bool> wearer = material is { } m ? (r, g, b) => ColorSpaces.ShadedDistance(ColorSpaces.ToLab(r, g, b), m) <= MaterialDistance : SkinPixelFilter.IsSkinLikeRgb;
        var mask = Garment(photo, personMask, body, (top, bottom), wearer, radius);
        if (material is not null)
        {
            var whole = Garment(photo, personMask, body, (top, bottom), static (_, _, _) => false, radius);
            if (mask.Area() < KeptByMaterial * whole.Area())
            {
                mask = whole;
            }
        }

        var bounds = mask.Bounds();
        if (bounds.IsEmpty || mask.Area() < photo.Width * photo.Height / 100)
        {
            return new WornGarment(Copy(flat), GarmentLandmarks.Find(flat.Mask, category), null);
        }

        var image = ImageResize.Crop(photo, bounds);
        var cropped = mask.Crop(bounds);
        cropped.ApplyAsAlpha(image);
        var cutout = new GarmentCutout(image, cropped, bounds, false);
        var landmarks = Landmarks(cutout, body, category);
        var origin = new SKPoint(bounds.Left, bounds.Top);
        return new WornGarment(cutout, landmarks, category == GarmentCategory.Lower ? null : BodyLength(body, landmarks.HemCentre + origin, pose));
    }

    /// <summary>
    /// How far down the model the hem reaches, along shoulders → hips → ankles: 0..1 is the share of the torso, above 1
    /// one plus the share of the leg (0.5 below the hips: knee length; 1.0: the ankles). Below the hips only when the
    /// model's ankles are seen (else the torso's share goes on); null when the hem is not below the shoulders.
    /// </summary>
    private static float? BodyLength(BodyFrame model, SKPoint hem, BodyPose pose)
    {
        var down = model.Down;
        var drop = BodyFrame.Dot(hem - model.ShoulderCentre, down);
        var torso = BodyFrame.Dot(model.HipCentre - model.ShoulderCentre, down);
        if (drop <= 0 || torso < 1)
        {
            return null;
        }

        var legsSeen = pose.Visible("right_ankle") || pose.Visible("left_ankle");
        return drop <= torso || !legsSeen ? drop / torso : 1f + ((drop - torso) / Math.Max(1f, model.LegLength));
    }

    /// <summary>
    /// A worn garment's landmarks: those of its contour (<see cref="GarmentLandmarks.Find"/>), with the shoulder points
    /// and the neck taken from the model's pose instead (the joints moved out and up by <see cref="GarmentFit.ShoulderOffset"/>,
    /// the least offset <see cref="GarmentFit"/> puts between a garment's shoulder points and a person's joints): the contour of a garment on a body has no clean shoulder corner (the arms,
    /// a puffed sleeve or the mannequin's hands join it).
    /// </summary>
    private static GarmentLandmarks Landmarks(GarmentCutout worn, BodyFrame model, GarmentCategory category)
    {
        var found = GarmentLandmarks.Find(worn.Mask, category);
        if (category == GarmentCategory.Lower)
        {
            return found;
        }

        var origin = new SKPoint(worn.SourceBounds.Left, worn.SourceBounds.Top);
        var sw = model.ShoulderWidth;
        var (outward, upward) = GarmentFit.ShoulderOffset;
        var (across, down) = (model.Across, model.Down);
        var rightShoulder = model.RightShoulder - origin - BodyFrame.Scale(across, outward * sw) - BodyFrame.Scale(down, upward * sw);
        var leftShoulder = model.LeftShoulder - origin + BodyFrame.Scale(across, outward * sw) - BodyFrame.Scale(down, upward * sw);
        var neck = new SKPoint((rightShoulder.X + leftShoulder.X) / 2f, Math.Max(found.NeckCentre.Y, ((rightShoulder.Y + leftShoulder.Y) / 2f) - (0.12f * sw)));
        return found with { RightShoulder = rightShoulder, LeftShoulder = leftShoulder, NeckCentre = neck };
    }

    /// <summary>
    /// The model's pixels in the band that are neither the head nor the <paramref name="wearer"/>'s own (skin-like
    /// pixels on a person; the material on a mannequin, which has no skin: a skin-coloured dress stays), cleaned.
    /// </summary>
    private static Mask Garment(SKBitmap photo, Mask personMask, BodyFrame body, (float Top, float Bottom) band, Func<byte, byte, byte, bool> wearer, int radius)
    {
        var mask = new Mask(photo.Width, photo.Height);
        var pixels = photo.GetPixelSpan();
        var head = body.HeadCentre;
        var headRadius = body.HeadRadius * 1.3f;
        for (var y = Math.Max(0, (int)band.Top); y < Math.Min(photo.Height, (int)band.Bottom); y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var i = (y * photo.Width) + x;
                if (personMask.Data[i] < 128 || (head is { } h && SKPoint.Distance(h, new SKPoint(x, y)) < headRadius))
                {
                    continue;
                }

                var (r, g, b) = (pixels[i * 4], pixels[(i * 4) + 1], pixels[(i * 4) + 2]);
                mask.Data[i] = wearer(r, g, b) ? (byte)0 : (byte)255;
            }
        }

        mask.Open(radius).LargestComponent().Close(radius * 2).FillHoles().Blur(1);
        return mask;
    }

    /// <summary>
    /// The median colour of the face (a disc between the eyes and the nose, half the eyes' distance across) when it is
    /// not skin-like — a display mannequin's material; null for a person or when the face is not seen.
    /// </summary>
    internal static Lab? MannequinMaterial(SKBitmap photo, BodyPose pose)
    {
        if (!pose.Visible("nose") || !pose.Visible("left_eye") || !pose.Visible("right_eye"))
        {
            return null;
        }

        var (nose, left, right) = (pose["nose"], pose["left_eye"], pose["right_eye"]);
        var centre = new SKPoint((nose.X + left.X + right.X) / 3f, (nose.Y + left.Y + right.Y) / 3f);
        var radius = Math.Max(2f, 0.5f * MathF.Sqrt(((left.X - right.X) * (left.X - right.X)) + ((left.Y - right.Y) * (left.Y - right.Y))));
        var samples = new List<Lab>();
        for (var y = (int)(centre.Y - radius); y <= (int)(centre.Y + radius); y++)
        {
            for (var x = (int)(centre.X - radius); x <= (int)(centre.X + radius); x++)
            {
                if (x >= 0 && y >= 0 && x < photo.Width && y < photo.Height && SKPoint.Distance(centre, new SKPoint(x, y)) <= radius)
                {
                    var c = photo.GetPixel(x, y);
                    if (c.Alpha >= 128)
                    {
                        samples.Add(ColorSpaces.ToLab(c.Red, c.Green, c.Blue));
                    }
                }
            }
        }

        if (samples.Count == 0)
        {
            return null;
        }

        var median = RobustLab.Median(samples);
        return SkinPixelFilter.IsSkinLike(median) ? null : median;
    }

    private static GarmentCutout Copy(GarmentCutout cutout) =>
        new(cutout.Image.Copy(), cutout.Mask.Clone(), cutout.SourceBounds, cutout.FromAlpha);
}
