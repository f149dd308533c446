using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.Skin;

public static partial class SkinSampler
{
    /// <summary>Below this inter-eye distance (pixels) there is too little face to place regions on.</summary>
    public const float MinEyeDistance = 6f;

    // Region geometry, in inter-eye distances d, in the face's frame: origin between the eyes, x along the eye line
    // towards the subject's left eye, y perpendicular to it towards the chin. Typical faces: brows 0.25–0.4 d above
    // the eye line, nose tip ~0.65 m below it and the nose ±0.3 d wide, the mouth line at m ≈ 1.0–1.1 d.
    private const float CheekAcross = 0.55f;   // below the pupils, clear of the nose
    private const float CheekDown = 0.5f;      // × m: halfway between eye line and mouth line
    private const float CheekRadiusX = 0.2f;
    private const float CheekRadiusY = 0.16f;  // × m: 0.34 m..0.66 m, under the lower lid's shadow, above the mouth line
    private const float ForeheadUp = 0.62f;    // above the brows, below a typical hairline (~1.3 d)
    private const float ForeheadRadiusX = 0.4f;
    private const float ForeheadRadiusY = 0.13f;
    private const float MinMouthDepth = 0.7f;  // clamps m when the mouth keypoint is off (occlusion, extreme pitch)
    private const float MaxMouthDepth = 1.5f;

    /// <summary>
    /// The right cheek, left cheek and forehead ellipses for <paramref name="face"/>, scaled by the inter-eye distance
    /// and rotated with the eye line, so tilted faces are sampled in the same places. Empty when the eyes are less
    /// than <see cref="MinEyeDistance"/> pixels apart. The regions are not clipped to the face box; sampling is.
    /// </summary>
    public static IReadOnlyList<SkinRegion> RegionsFor(FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var eyeLine = face.LeftEye - face.RightEye;
        var d = eyeLine.Length;
        if (!(d >= MinEyeDistance))
        {
            return [];
        }

        var across = new SKPoint(eyeLine.X / d, eyeLine.Y / d);
        var down = new SKPoint(-across.Y, across.X);
        var origin = new SKPoint((face.LeftEye.X + face.RightEye.X) / 2f, (face.LeftEye.Y + face.RightEye.Y) / 2f);
        var toMouth = face.Mouth - origin;
        var m = Math.Clamp(((toMouth.X * down.X) + (toMouth.Y * down.Y)) / d, MinMouthDepth, MaxMouthDepth);
        var angle = MathF.Atan2(across.Y, across.X);

        SKPoint At(float x, float y) => new(origin.X + (d * ((x * across.X) + (y * down.X))), origin.Y + (d * ((x * across.Y) + (y * down.Y))));

        return
        [
            new SkinRegion("right_cheek", At(-CheekAcross, CheekDown * m), CheekRadiusX * d, CheekRadiusY * m * d, angle),
            new SkinRegion("left_cheek", At(CheekAcross, CheekDown * m), CheekRadiusX * d, CheekRadiusY * m * d, angle),
            new SkinRegion("forehead", At(0, -ForeheadUp), ForeheadRadiusX * d, ForeheadRadiusY * d, angle),
        ];
    }
}
