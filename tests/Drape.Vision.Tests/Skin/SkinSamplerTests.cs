using Drape.Imaging.Color;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Vision.Tests.Skin;

public class SkinSamplerTests
{
    private static readonly SKColor Fair = new(236, 200, 180);
    private static readonly SKColor Medium = new(198, 140, 105);
    private static readonly SKColor Deep = new(110, 70, 50);

    private static float DeltaE(SkinSample sample, SKColor painted) =>
        ColorSpaces.DeltaE76(sample.Lab, ColorSpaces.ToLab(painted.Red, painted.Green, painted.Blue));

    private static SkinSample? SampleOf(SyntheticFace face)
    {
        using var image = face.Paint();
        return SkinSampler.Sample(image, face.Detection());
    }

    public static TheoryData<string, float> Faces => new()
    {
        { "fair", 0 }, { "medium", 0 }, { "deep", 0 }, { "fair", 20 }, { "medium", -25 }, { "deep", 15 },
    };

    private static SKColor Named(string skin) => skin switch { "fair" => Fair, "medium" => Medium, _ => Deep };

    [Theory]
    [MemberData(nameof(Faces))]
    public void The_median_is_the_painted_skin_not_the_eyes_brows_lips_or_hair(string skin, float roll)
    {
        var sample = SampleOf(new SyntheticFace(Named(skin), RollDegrees: roll) { ShadowAndHighlight = true });
        Assert.NotNull(sample);
        Assert.True(DeltaE(sample, Named(skin)) < 1f, $"ΔE {DeltaE(sample, Named(skin)):F2}, sampled {sample.Hex}");
        Assert.True(sample.PixelCount > 1000, $"{sample.PixelCount} pixels");
        Assert.True(sample.Confidence > 0.6f, $"confidence {sample.Confidence}");
        Assert.Matches("^#[0-9A-F]{6}$", sample.Hex);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(-30)]
    public void Regions_follow_the_roll_and_keep_clear_of_eyes_brows_nose_and_lips(float roll)
    {
        var face = new SyntheticFace(Medium, RollDegrees: roll);
        var regions = SkinSampler.RegionsFor(face.Detection());
        Assert.Equal(["right_cheek", "left_cheek", "forehead"], regions.Select(r => r.Name));
        foreach (var side in new[] { -0.5f, 0.5f })
        {
            for (var t = -1f; t <= 1f; t += 0.25f)
            {
                AssertOutside(face.ToImage(side + (0.2f * t), 0), "eye");
                AssertOutside(face.ToImage(side + (0.2f * t), 0.09f), "lower lid");
                AssertOutside(face.ToImage(side + (0.22f * t), -0.3f), "brow");
                AssertOutside(face.ToImage(0.32f * t, 1.05f), "lips");
                AssertOutside(face.ToImage(0.3f * t, 0.65f), "nose");
            }
        }

        Assert.All(regions, r => Assert.Equal(roll * MathF.PI / 180f, r.AngleRadians, 3));
        var forehead = regions[2].Centre;
        Assert.Equal(face.ToImage(0, -0.62f).X, forehead.X, 1);
        Assert.Equal(face.ToImage(0, -0.62f).Y, forehead.Y, 1);

        void AssertOutside(SKPoint point, string what) =>
            Assert.False(regions.Any(r => r.Contains(point)), $"the {what} at {point} is inside a region");
    }

    [Fact]
    public void A_skin_coloured_fringe_over_the_forehead_is_left_out()
    {
        var blonde = new SKColor(205, 170, 105); // passes the skin filter: only the cheek comparison can reject it
        Assert.True(SkinPixelFilter.IsSkinLike(ColorSpaces.ToLab(blonde.Red, blonde.Green, blonde.Blue)));
        var sample = SampleOf(new SyntheticFace(Fair) { FringeDownTo = 0.4f, Fringe = blonde });
        Assert.NotNull(sample);
        Assert.True(DeltaE(sample, Fair) < 1f, $"ΔE {DeltaE(sample, Fair):F2}");
    }

    [Fact]
    public void Dark_hair_over_the_forehead_is_filtered_out()
    {
        var sample = SampleOf(new SyntheticFace(Deep) { FringeDownTo = 0.4f });
        Assert.NotNull(sample);
        Assert.True(DeltaE(sample, Deep) < 1f, $"ΔE {DeltaE(sample, Deep):F2}");
    }

    [Fact]
    public void No_sample_when_nothing_looks_like_skin()
    {
        Assert.Null(SampleOf(new SyntheticFace(new SKColor(60, 90, 200)))); // blue paint
        Assert.Null(SampleOf(new SyntheticFace(new SKColor(20, 14, 10)))); // underexposed: L* below 20
        Assert.Null(SampleOf(new SyntheticFace(Medium, EyeDistance: 5))); // eyes too close to place regions
    }

    [Fact]
    public void Confidence_falls_with_few_pixels_and_with_spread()
    {
        var large = SampleOf(new SyntheticFace(Medium, NoiseAmplitude: 4))!;
        var small = SampleOf(new SyntheticFace(Medium, EyeDistance: 14, NoiseAmplitude: 4))!;
        var noisy = SampleOf(new SyntheticFace(Medium, NoiseAmplitude: 40))!;
        Assert.True(small.PixelCount < large.PixelCount);
        Assert.True(small.Confidence < large.Confidence, $"{small.Confidence} vs {large.Confidence}");
        Assert.True(noisy.Confidence < large.Confidence, $"{noisy.Confidence} vs {large.Confidence}");
        Assert.InRange(large.Confidence, 0.9f, 1f);
    }

    [Fact]
    public void Bgra_and_other_layouts_read_the_same()
    {
        var face = new SyntheticFace(Medium);
        using var rgba = face.Paint();
        using var bgra = rgba.Copy(SKColorType.Bgra8888);
        using var f16 = rgba.Copy(SKColorType.RgbaF16);
        var expected = SkinSampler.Sample(rgba, face.Detection());
        Assert.Equal(expected, SkinSampler.Sample(bgra, face.Detection()));
        Assert.Equal(expected!.Hex, SkinSampler.Sample(f16, face.Detection())!.Hex);
    }

    [Fact]
    public void The_sample_classifies()
    {
        var tone = SkinToneClassifier.Classify(SampleOf(new SyntheticFace(Fair, NoiseAmplitude: 2))!);
        Assert.Equal("very_light", tone.ItaClass);
        Assert.StartsWith("fair_", tone.Category, StringComparison.Ordinal);
    }
}
