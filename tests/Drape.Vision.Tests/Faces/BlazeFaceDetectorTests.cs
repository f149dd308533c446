using SkiaSharp;

namespace Drape.Vision.Tests.Faces;

public class BlazeFaceDetectorTests
{
    [Theory]
    [InlineData("person/face/man-dark-skin.jpg")]
    [InlineData("person/face/man-glasses-outdoor.jpg")]
    [InlineData("person/face/man-medium-skin.jpg")]
    [InlineData("person/face/woman-dark-skin.jpg")]
    [InlineData("person/face/woman-east-asian.jpg")]
    [InlineData("person/face/woman-light-skin.jpg")]
    public void Finds_the_face_in_head_and_shoulder_photos(string fixture)
    {
        using var image = TestModels.Load(fixture);
        var faces = TestModels.FaceDetector.Detect(image);
        var face = faces[0];
        Assert.True(face.Score >= 0.7f, $"score {face.Score}");
        Assert.True(face.Box.MidY < image.Height * 0.7f && face.Box.Width > image.Width * 0.15f, $"box {face.Box}");
        Assert.True(face.RightEye.Y < face.Mouth.Y && face.LeftEye.Y < face.Mouth.Y, "eyes above the mouth");
        Assert.True(face.Box.Contains(face.Nose), "nose inside the box");
    }

    [Theory]
    [InlineData("person/full/man-suit-studio.jpg")]
    [InlineData("person/full/man-polo-shorts.jpg")]
    [InlineData("person/full/man-suit-waterfall.jpg")]
    [InlineData("person/full/woman-yoga-tree.jpg")]
    [InlineData("person/upper/woman-business.png")]
    [InlineData("person/upper/man-dinner-seated.jpg")]
    public void Finds_small_faces_in_body_photos(string fixture)
    {
        using var image = TestModels.Load(fixture);
        var face = Assert.IsType<Drape.Vision.Faces.FaceDetection>(TestModels.FaceDetector.Detect(image).FirstOrDefault());
        Assert.True(face.Box.MidY < image.Height * 0.5f, $"face {face.Box} should be in the upper half");
        Assert.True(face.Box.Height < image.Height * 0.4f);
    }

    [Fact]
    public void Finds_several_people()
    {
        using var image = TestModels.Load("person/upper/three-men-office.jpg");
        Assert.True(TestModels.FaceDetector.Detect(image).Count >= 2);
    }

    [Theory]
    [InlineData("person/none/building-lawn.jpg")]
    [InlineData("person/none/coffee-cup.png")]
    [InlineData("person/upper/torso-white-tee.jpg")]
    public void Finds_no_face_where_there_is_none(string fixture)
    {
        using var image = TestModels.Load(fixture);
        Assert.Empty(TestModels.FaceDetector.Detect(image));
    }

    [Fact]
    public void Detection_is_deterministic()
    {
        using var image = TestModels.Load("person/full/man-suit-studio.jpg");
        var first = TestModels.FaceDetector.Detect(image)[0];
        var second = TestModels.FaceDetector.Detect(image)[0];
        Assert.Equal(first.Box, second.Box);
    }
}
