using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Vision.Pose;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Vision.Tests.TryOn;

/// <summary>The body frame and the garment fit on hand-made poses, where the right answer is known.</summary>
public sealed class BodyFrameTests
{
    /// <summary>An upright person facing the camera in a 400×600 frame, the whole frame in the mask.</summary>
    private static Dictionary<string, (float X, float Y)> Upright() => new(StringComparer.Ordinal)
    {
        ["nose"] = (200, 80), ["left_eye"] = (212, 70), ["right_eye"] = (188, 70), ["left_ear"] = (230, 78), ["right_ear"] = (170, 78),
        ["left_shoulder"] = (250, 140), ["right_shoulder"] = (150, 140), ["left_elbow"] = (262, 220), ["right_elbow"] = (138, 220),
        ["left_wrist"] = (266, 290), ["right_wrist"] = (134, 290), ["left_hip"] = (230, 300), ["right_hip"] = (170, 300),
        ["left_knee"] = (228, 420), ["right_knee"] = (172, 420), ["left_ankle"] = (226, 540), ["right_ankle"] = (174, 540),
    };

    private static BodyFrame Frame(Dictionary<string, (float X, float Y)> points, params string[] hidden)
    {
        var pose = new BodyPose([.. BodyPose.Names.Select(n => new Keypoint(n, points[n].X, points[n].Y, hidden.Contains(n) ? 0.05f : 0.9f))]);
        var mask = new Mask(400, 600);
        Array.Fill(mask.Data, (byte)255);
        return BodyFrame.From(pose, mask);
    }

    [Fact]
    public void A_face_in_profile_keeps_a_head_sized_radius()
    {
        var frontal = Frame(Upright());

        // Turned to the image's right: the eyes close together near the nose, one ear seen, about where the head's middle is.
        var profile = Upright();
        (profile["nose"], profile["left_eye"], profile["right_eye"], profile["left_ear"]) = ((228, 82), (220, 70), (216, 70), (196, 76));
        var turned = Frame(profile, "right_ear");

        Assert.InRange(turned.HeadRadius, 0.75f * frontal.HeadRadius, 1.35f * frontal.HeadRadius);
    }

    [Fact]
    public void A_skirt_whose_hem_is_off_centre_still_hangs_along_the_body()
    {
        var body = Frame(Upright());

        // A skirt shown at an angle: its hem corners lie right of the waistband's centre.
        var skirt = new GarmentLandmarks(GarmentCategory.Lower, new SKPoint(100, 0), default, default, default, default, null, null,
            new SKPoint(40, 10), new SKPoint(160, 10), new SKPoint(90, 200), new SKPoint(230, 200), null, null, null);
        var fit = GarmentFit.For(skirt, body);

        var waist = fit.Map(new SKPoint(100, 10));
        var below = fit.Map(new SKPoint(100, 200));
        Assert.True(below.Y > waist.Y + 100, $"{waist} → {below}");
        Assert.True(MathF.Abs(below.X - waist.X) < 2f, $"the garment's vertical leans: {waist} → {below}");
    }
}
