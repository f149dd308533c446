using Drape.Imaging.Garments;
using Drape.Vision.Body;
using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.Tests.Body;

public class BodyGeometryTests
{
    private static FaceDetection Face(float left, float top, float size, float rollDegrees = 0)
    {
        var centre = new SKPoint(left + (size / 2), top + (size * 0.4f));
        var half = size * 0.2f;
        var (dx, dy) = (MathF.Cos(rollDegrees * MathF.PI / 180) * half, MathF.Sin(rollDegrees * MathF.PI / 180) * half);
        var landmarks = new[] { new SKPoint(centre.X - dx, centre.Y - dy), new SKPoint(centre.X + dx, centre.Y + dy), centre, centre + new SKPoint(0, size * 0.3f), centre, centre };
        return new FaceDetection(SKRect.Create(left, top, size, size), 0.9f, landmarks);
    }

    [Fact]
    public void Body_landmarks_follow_the_documented_proportions()
    {
        var body = BodyGeometry.FromFace(Face(100, 50, 40), 300, 600);
        Assert.Equal(120, body.Chin.X, 1);
        Assert.Equal(90, body.Chin.Y, 1);
        Assert.Equal(90 + (0.35f * 40), body.RightShoulder.Y, 1);
        Assert.Equal(2.1f * 40, body.ShoulderWidth, 1);
        Assert.True(body.RightShoulder.X < body.LeftShoulder.X); // the subject's right is on the image's left
        Assert.True(body.RightHip.Y > body.RightWaist.Y && body.RightKnee.Y > body.RightHip.Y && body.RightAnkle.Y > body.RightKnee.Y);
        Assert.True(body.HeadAndHair.Top < 50 && body.HeadAndHair.Bottom > 90);
    }

    [Fact]
    public void The_body_axis_follows_the_head_roll()
    {
        var upright = BodyGeometry.FromFace(Face(100, 50, 40), 300, 600);
        var tilted = BodyGeometry.FromFace(Face(100, 50, 40, rollDegrees: 15), 300, 600);
        Assert.Equal(0, upright.Down.X, 3);
        Assert.True(tilted.RightShoulder.Y < tilted.LeftShoulder.Y, "a head rolled clockwise tilts the shoulder line the same way");
        Assert.Equal(15, BodyGeometry.RollDegrees(Face(0, 0, 40, 15)), 1);
    }

    [Fact]
    public void Garment_targets_are_ordered_on_the_body()
    {
        var body = BodyGeometry.FromFace(Face(100, 50, 40), 300, 600);
        var upper = GarmentPlacement.TargetFor(body, GarmentCategory.Upper, 1.0f);
        var lower = GarmentPlacement.TargetFor(body, GarmentCategory.Lower, 0.5f);
        var dress = GarmentPlacement.TargetFor(body, GarmentCategory.Dress, 0.7f);
        Assert.True(upper.TopLeft.Y > 50 + (40 * 0.4f), "the collar is below the eyes");
        Assert.True(lower.TopLeft.Y > upper.TopLeft.Y);
        Assert.True(dress.BottomLeft.Y > upper.BottomLeft.Y);
        Assert.True(upper.TopRight.X - upper.TopLeft.X > body.ShoulderWidth, "sleeves reach past the shoulders");
    }

    [Fact]
    public void On_a_real_photo_the_shoulders_sit_below_the_face()
    {
        using var image = TestModels.Load("person/full/man-suit-studio.jpg");
        var face = TestModels.FaceDetector.Detect(image)[0];
        var body = BodyGeometry.FromFace(face, image.Width, image.Height);
        Assert.InRange(body.RightShoulder.Y, face.Box.Bottom, face.Box.Bottom + (0.3f * image.Height));
        Assert.True(body.ShoulderWidth > face.Box.Width);
        Assert.True(body.LeftAnkle.Y is > 500 and < 700, $"ankles at {body.LeftAnkle.Y} in a 640 px full-body photo");
    }
}
