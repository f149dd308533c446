using Drape.Imaging.Garments;
using Drape.Imaging.Quality;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Vision.Tests.TryOn;

/// <summary>Issue 6's measured quality on real fixture photos (the bench's <c>quality</c> report uses the same metrics).</summary>
public class TryOnQualityTests
{
    public static TheoryData<string, string, GarmentCategory> Pairs => new()
    {
        { "person/upper/woman-business.png", "garment/upper/tee-blue.png", GarmentCategory.Upper },
        { "person/full/man-polo-shorts.jpg", "garment/upper/hoodie-black.png", GarmentCategory.Upper },
        { "person/full/man-suit-studio.jpg", "garment/upper/polo-navy.png", GarmentCategory.Upper },
        { "person/full/man-polo-shorts.jpg", "garment/lower/trousers-green-render.png", GarmentCategory.Lower },
        { "person/full/man-suit-studio.jpg", "garment/lower/skirt-blue-render.png", GarmentCategory.Lower },
        { "person/full/woman-yoga-tree.jpg", "garment/dress/dress-pink-render.png", GarmentCategory.Dress },
        { "person/full/man-suit-studio.jpg", "garment/dress/dress-regency-mannequin.png", GarmentCategory.Dress },
        { "person/full/couple-walking.jpg", "garment/lower/shorts-green-render.png", GarmentCategory.Lower },
        { "person/full/yoga-warrior-beach.jpg", "garment/upper/tee-blue.png", GarmentCategory.Upper },
        { "person/upper/man-dinner-seated.jpg", "garment/upper/longsleeve-red.png", GarmentCategory.Upper },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Meets_the_quality_bars(string personFixture, string garmentFixture, GarmentCategory category)
    {
        using var person = TestModels.Load(personFixture);
        using var garment = TestModels.Load(garmentFixture);
        var trace = await TryOnTestEngine.Engine.RunTracedAsync(new TryOnInput(person, garment, category, 1), null, default);
        using var result = trace.Result;
        try
        {
            // Face region SSIM ≥ 0.98 against the input (BlazeFace, an independent detector, finds the face).
            if (TestModels.FaceDetector.Detect(trace.Person).FirstOrDefault() is { } face)
            {
                var ssim = TryOnQuality.Ssim(trace.Person, result, SKRectI.Round(face.Box));
                Assert.True(ssim >= 0.98, $"face SSIM {ssim:0.000}");
            }

            // Every pixel outside the garment region is the input's, bit for bit; and the region is not everything.
            Assert.Equal(0, TryOnQuality.ChangedOutside(trace.Person, result, trace.Region));
            Assert.True(trace.Region.Area() < trace.Region.Data.Length / 2);

            // The placed garment keeps its own colours (before shading).
            var deltaE = TryOnQuality.MeanDeltaE(trace.Cutout, trace.Layer, trace.Mesh);
            Assert.True(deltaE <= 10, $"mean ΔE {deltaE:0.0}");

            // The garment's shoulder points land within 5% of the image height of the detected shoulders.
            if (category != GarmentCategory.Lower)
            {
                var pose = trace.Body.Pose;
                var right = new SKPoint(pose["right_shoulder"].X, pose["right_shoulder"].Y);
                var left = new SKPoint(pose["left_shoulder"].X, pose["left_shoulder"].Y);
                Assert.True(pose.Visible("right_shoulder") && pose.Visible("left_shoulder"));
                var worst = Math.Max(TryOnQuality.ShareOfHeight(trace.GarmentRightShoulder, right, result.Height), TryOnQuality.ShareOfHeight(trace.GarmentLeftShoulder, left, result.Height));
                Assert.True(worst <= 0.05, $"shoulder offset {worst:P1} of the height");
            }
        }
        finally
        {
            trace.DisposeIntermediates();
        }
    }
}
