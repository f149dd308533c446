using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using Drape.Vision.Pose;
using Drape.Vision.TryOn;
using SkiaSharp;
using Xunit.Abstractions;

namespace Drape.Vision.Tests.TryOn;

/// <summary>Garments shown on a display mannequin (on_model) and product shots (flat_lay).</summary>
public class WornGarmentTests(ITestOutputHelper output)
{
    public static TheoryData<string> Mannequins => ["garment/dress/dress-red-mannequin.png", "garment/dress/dress-regency-mannequin.png"];

    public static TheoryData<string> ProductShots =>
    [
        "garment/upper/hoodie-black.png", "garment/upper/longsleeve-red.png", "garment/upper/polo-navy.png", "garment/upper/tee-blue.png",
        "garment/upper/tee-white.png", "garment/upper/tee-women-black.png", "garment/lower/shorts-green-render.png",
        "garment/lower/skirt-blue-render.png", "garment/lower/trousers-green-render.png", "garment/dress/dress-pink-render.png",
    ];

    [Theory]
    [MemberData(nameof(Mannequins))]
    public async Task A_dress_on_a_mannequin_is_on_model_and_comes_without_the_mannequin(string fixture)
    {
        await TryOnTestEngine.WithTrace("person/full/man-suit-studio.jpg", fixture, GarmentCategory.Dress, trace =>
        {
            Assert.Equal(GarmentPhotoType.OnModel, trace.PhotoType);

            // The mannequin is black: the product shot's own cut-out is much of it, the worn garment's almost none.
            using var garment = TestModels.Load(fixture);
            using var photo = ImageResize.FitWithin(garment, new BuiltinTryOnOptions().GarmentWorkingSide, new BuiltinTryOnOptions().GarmentWorkingSide);
            using var flat = GarmentMasker.Extract(photo);
            var (before, after) = (MannequinShare(flat), MannequinShare(trace.Cutout));
            output.WriteLine($"{fixture}: mannequin share {before:P1} in the product cut-out, {after:P1} in the worn garment");
            Assert.True(before > 0.10, $"{before:P1}");
            Assert.True(after < 0.03, $"{after:P1}");

            // Floor length on the mannequin is floor length on the person: the garment covers the shins, not only the knees.
            var body = trace.Body;
            var shin = BodyFrame.Mid(BodyFrame.Mid(body.RightKnee, body.RightAnkle), BodyFrame.Mid(body.LeftKnee, body.LeftAnkle));
            Assert.True(Covered(trace.Layer, shin, 0.15f * body.ShoulderWidth) > 0.5, $"shins at {shin} not covered");
        });
    }

    [Theory]
    [MemberData(nameof(ProductShots))]
    public async Task A_product_shot_is_flat_lay(string fixture)
    {
        await TryOnTestEngine.WithTrace("person/upper/woman-business.png", fixture, null, trace => Assert.Equal(GarmentPhotoType.FlatLay, trace.PhotoType));
    }

    private static double MannequinShare(GarmentCutout cutout)
    {
        var (black, inside) = (0, 0);
        for (var y = 0; y < cutout.Mask.Height; y++)
        {
            for (var x = 0; x < cutout.Mask.Width; x++)
            {
                if (cutout.Mask[x, y] < 128)
                {
                    continue;
                }

                inside++;
                var c = cutout.Image.GetPixel(x, y);
                var lab = ColorSpaces.ToLab(c.Red, c.Green, c.Blue);
                black += lab.L < 35 && MathF.Sqrt((lab.A * lab.A) + (lab.B * lab.B)) < 8 ? 1 : 0;
            }
        }

        return black / (double)Math.Max(1, inside);
    }

    private static double Covered(SKBitmap layer, SKPoint centre, float radius)
    {
        var (covered, seen) = (0, 0);
        for (var dy = -radius; dy <= radius; dy += radius / 4)
        {
            for (var dx = -radius; dx <= radius; dx += radius / 4)
            {
                int x = (int)(centre.X + dx), y = (int)(centre.Y + dy);
                if (x >= 0 && y >= 0 && x < layer.Width && y < layer.Height)
                {
                    seen++;
                    covered += layer.GetPixel(x, y).Alpha >= 128 ? 1 : 0;
                }
            }
        }

        return covered / (double)Math.Max(1, seen);
    }
}
