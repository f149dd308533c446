using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using Drape.Vision.Pose;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// A garment photographed on a model: the garment is the model's person mask minus skin-like pixels and the head,
/// within the category's band of the model's body (upper: shoulders to below the hips; lower: from just above the
/// hips down; dress: shoulders down), cleaned (open, largest part, close, holes filled).
/// </summary>
internal static class OnModelGarment
{
    /// <summary>
    /// <c>auto</c> on a model is upper: a worn outfit shows a top and often more, and the photo alone cannot say which
    /// piece is for sale, so send <c>lower</c> or <c>dress</c> for those.
    /// </summary>
    public static GarmentCategory Classify(BodyPose pose)
    {
        _ = pose;
        return GarmentCategory.Upper;
    }

    public static GarmentCutout Extract(SKBitmap photo, GarmentCutout flat, BodyPose pose, Mask personMask, GarmentCategory category)
    {
        BodyFrame body;
        try
        {
            body = BodyFrame.From(pose, personMask);
        }
        catch (Errors.DrapeException)
        {
            return Copy(flat);
        }

        var sw = body.ShoulderWidth;
        var (top, bottom) = category switch
        {
            GarmentCategory.Lower => (body.HipCentre.Y - (0.25f * body.TorsoLength), photo.Height),
            GarmentCategory.Upper => (body.ShoulderCentre.Y - (0.2f * sw), body.HipCentre.Y + (0.45f * body.TorsoLength)),
            _ => (body.ShoulderCentre.Y - (0.2f * sw), photo.Height),
        };
        var mask = new Mask(photo.Width, photo.Height);
        var pixels = photo.GetPixelSpan();
        var head = body.HeadCentre;
        var headRadius = body.HeadRadius * 1.3f;
        for (var y = Math.Max(0, (int)top); y < Math.Min(photo.Height, (int)bottom); y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var i = (y * photo.Width) + x;
                if (personMask.Data[i] < 128 || (head is { } h && SKPoint.Distance(h, new SKPoint(x, y)) < headRadius))
                {
                    continue;
                }

                mask.Data[i] = SkinPixelFilter.IsSkinLikeRgb(pixels[i * 4], pixels[(i * 4) + 1], pixels[(i * 4) + 2]) ? (byte)0 : (byte)255;
            }
        }

        var radius = Math.Max(1, Math.Max(photo.Width, photo.Height) / 250);
        mask.Open(radius).LargestComponent().Close(radius * 2).FillHoles().Blur(1);
        var bounds = mask.Bounds();
        if (bounds.IsEmpty || mask.Area() < photo.Width * photo.Height / 100)
        {
            return Copy(flat);
        }

        var image = ImageResize.Crop(photo, bounds);
        var cropped = mask.Crop(bounds);
        cropped.ApplyAsAlpha(image);
        return new GarmentCutout(image, cropped, bounds, false);
    }

    private static GarmentCutout Copy(GarmentCutout cutout) =>
        new(cutout.Image.Copy(), cutout.Mask.Clone(), cutout.SourceBounds, cutout.FromAlpha);
}
