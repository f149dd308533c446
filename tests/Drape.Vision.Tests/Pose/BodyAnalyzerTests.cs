using Drape.Vision.Body;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Xunit.Abstractions;

namespace Drape.Vision.Tests.Pose;

/// <summary>Keypoints, masks and body analysis on real photos (fixtures with recorded licences).</summary>
public sealed class BodyAnalyzerTests(ITestOutputHelper output)
{
    private static readonly Lazy<BodyAnalyzer> Analyzer = new(() => new BodyAnalyzer(new MoveNetPoseEstimator(TestModels.Manager), new PersonSegmenter(TestModels.Manager)));

    [Theory]
    [InlineData("person/full/man-suit-studio.jpg", BodyMode.FullBody)]
    [InlineData("person/full/yoga-warrior-beach.jpg", BodyMode.FullBody)]
    [InlineData("person/full/man-polo-shorts.jpg", BodyMode.FullBody)]
    [InlineData("person/upper/woman-business.png", BodyMode.UpperBody)]
    [InlineData("person/upper/man-dinner-seated.jpg", BodyMode.UpperBody)]
    public async Task Finds_the_person_and_how_much_of_them_is_shown(string fixture, BodyMode mode)
    {
        using var image = TestModels.Load(fixture);
        var result = await Analyzer.Value.AnalyzeAsync(image);
        output.WriteLine($"{fixture}: {result.Mode} coverage {result.KeypointCoverage:F2} box {result.Box} type {result.BodyType} {result.Measurements}");
        foreach (var k in result.Pose.Keypoints)
        {
            output.WriteLine($"  {k.Name} ({k.X:F0}, {k.Y:F0}) {k.Score:F2}");
        }

        Assert.True(result.PersonFound);
        Assert.Equal(mode, result.Mode);
        Assert.Equal(image.Width, result.Mask.Width);
        Assert.Equal(image.Height, result.Mask.Height);
        var pose = result.Pose;
        Assert.True(pose["nose"].Y < (pose["left_shoulder"].Y + pose["right_shoulder"].Y) / 2, "the nose is above the shoulders");
        Assert.True(pose["right_shoulder"].X < pose["left_shoulder"].X, "the subject's right shoulder is on the image's left");
        foreach (var keypoint in pose.Keypoints.Where(k => k.Score >= BodyPose.VisibleScore))
        {
            Assert.InRange(keypoint.X, 0, image.Width);
            Assert.InRange(keypoint.Y, 0, image.Height);
            Assert.True(result.Box.Contains((int)keypoint.X, (int)keypoint.Y) || Near(result.Box, keypoint, image.Width * 0.05f), $"{keypoint.Name} is inside the person's box");
        }

        // The mask covers the chest (between the shoulders, a little below) and not the photo's top corners.
        var chestX = (int)((pose["left_shoulder"].X + pose["right_shoulder"].X) / 2);
        var chestY = (int)(((pose["left_shoulder"].Y + pose["right_shoulder"].Y) / 2) + (image.Height * 0.05f));
        Assert.True(result.Mask[chestX, Math.Min(chestY, image.Height - 1)] >= 128, "the chest is in the person mask");
        Assert.True(result.Mask[0, 0] < 128 && result.Mask[image.Width - 1, 0] < 128, "the top corners are background");
        if (mode == BodyMode.FullBody && fixture.Contains("studio", StringComparison.Ordinal))
        {
            Assert.True(pose["left_hip"].Y < pose["left_knee"].Y && pose["left_knee"].Y < pose["left_ankle"].Y, "hips, knees and ankles go down the image");
            Assert.NotNull(result.BodyType);
        }
    }

    [Fact]
    public async Task A_photo_without_a_person_finds_none()
    {
        var fixture = Directory.GetFiles(Drape.Testing.TestAssets.FixturePath("person/none")).Select(f => $"person/none/{Path.GetFileName(f)}").First(f => !f.EndsWith(".md", StringComparison.Ordinal));
        using var image = TestModels.Load(fixture);
        var result = await Analyzer.Value.AnalyzeAsync(image);
        output.WriteLine($"{fixture}: coverage {result.KeypointCoverage:F2}, mask {result.Mask.Area()}");
        Assert.False(result.PersonFound);
        Assert.Equal(BodyMode.None, result.Mode);
        Assert.Null(result.BodyType);
    }

    [Theory]
    [InlineData(100, 70, 100, 120, "curvy")]
    [InlineData(130, 90, 100, 120, "athletic")]
    [InlineData(100, 60, 90, 120, "slim")]
    [InlineData(110, 120, 125, 120, "plus_size")]
    [InlineData(100, 80, 95, 120, "average")]
    public void Body_type_follows_the_documented_rule(float shoulder, float waist, float hip, float torso, string expected) =>
        Assert.Equal(expected, BodyAnalyzer.Classify(new BodyMeasurements(shoulder, waist, hip, torso)));

    private static bool Near(SkiaSharp.SKRectI box, Keypoint point, float margin) =>
        point.X >= box.Left - margin && point.X <= box.Right + margin && point.Y >= box.Top - margin && point.Y <= box.Bottom + margin;
}
