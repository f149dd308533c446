using Drape.Imaging.Garments;
using Drape.Imaging.Geometry;
using SkiaSharp;

namespace Drape.Vision.Body;

/// <summary>
/// Where a garment's cut-out goes on the body: a quad aligned with the body axis, top edge on the garment's anchor
/// line, width from the body, height from the garment's own aspect within limits for its category.
/// <list type="bullet">
/// <item>upper: the collar sits a little above the shoulder line; flat garments spread their sleeves, so the shoulders
/// take ~62% of the garment's width; length by aspect, between the waist and below the hips.</item>
/// <item>lower: the waistband at the waist, ~1.3× the hip width; length by aspect, between mid-thigh (shorts) and the
/// ankles (trousers).</item>
/// <item>dress: from just above the shoulders, the shoulders ~75% of its width; hem between the hips and the ankles.</item>
/// </list>
/// </summary>
public static class GarmentPlacement
{
    public static Quad TargetFor(BodyGeometry body, GarmentCategory category, float garmentAspect)
    {
        var aspect = Math.Clamp(garmentAspect, 0.2f, 5f);
        var fh = body.FaceHeight;
        var shoulderCentre = Mid(body.RightShoulder, body.LeftShoulder);
        var waistCentre = Mid(body.RightWaist, body.LeftWaist);
        var hipCentre = Mid(body.RightHip, body.LeftHip);
        var ankleCentre = Mid(body.RightAnkle, body.LeftAnkle);
        var kneeCentre = Mid(body.RightKnee, body.LeftKnee);

        return category switch
        {
            GarmentCategory.Upper => Build(body, shoulderCentre - Down(body, 0.2f * fh), body.ShoulderWidth / 0.62f, aspect,
                minLength: Distance(shoulderCentre, waistCentre) * 1.05f, maxLength: Distance(shoulderCentre, hipCentre) + (0.9f * fh)),
            GarmentCategory.Lower => Build(body, waistCentre, body.HipWidth * 1.3f, aspect,
                minLength: Distance(waistCentre, kneeCentre) * 0.45f, maxLength: Distance(waistCentre, ankleCentre) * 1.04f),
            _ => Build(body, shoulderCentre - Down(body, 0.15f * fh), body.ShoulderWidth / 0.75f, aspect,
                minLength: Distance(shoulderCentre, hipCentre) * 1.2f, maxLength: Distance(shoulderCentre, ankleCentre) * 1.04f),
        };
    }

    private static Quad Build(BodyGeometry body, SKPoint topCentre, float width, float aspect, float minLength, float maxLength)
    {
        var length = Math.Clamp(width / aspect, minLength, Math.Max(minLength, maxLength));
        var half = BodyGeometry.Scale(body.Across, width / 2f);
        var bottomCentre = topCentre + BodyGeometry.Scale(body.Down, length);
        return new Quad(topCentre - half, topCentre + half, bottomCentre + half, bottomCentre - half);
    }

    private static SKPoint Down(BodyGeometry body, float length) => BodyGeometry.Scale(body.Down, length);

    private static SKPoint Mid(SKPoint a, SKPoint b) => new((a.X + b.X) / 2f, (a.Y + b.Y) / 2f);

    private static float Distance(SKPoint a, SKPoint b) => SKPoint.Distance(a, b);
}
