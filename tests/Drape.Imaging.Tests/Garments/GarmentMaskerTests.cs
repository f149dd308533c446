using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Tests.Garments;

public class GarmentMaskerTests
{
    public static TheoryData<string> AllGarments => new()
    {
        "garment/upper/hoodie-black.png", "garment/upper/longsleeve-red.png", "garment/upper/polo-navy.png",
        "garment/upper/tee-blue.png", "garment/upper/tee-white.png", "garment/upper/tee-women-black.png",
        "garment/lower/shorts-green-render.png", "garment/lower/skirt-blue-render.png", "garment/lower/trousers-green-render.png",
        "garment/dress/dress-pink-render.png",
    };

    [Theory]
    [MemberData(nameof(AllGarments))]
    public void Every_garment_fixture_is_cut_out_plausibly(string fixture)
    {
        using var photo = Fixtures.Load(fixture);
        using var cutout = GarmentMasker.Extract(photo);
        var fill = cutout.Mask.Area() / (float)(cutout.Mask.Width * cutout.Mask.Height);
        Assert.InRange(fill, 0.15f, 0.95f);
        var bounds = cutout.SourceBounds;
        var touches = new[] { bounds.Left <= 0, bounds.Top <= 0, bounds.Right >= photo.Width, bounds.Bottom >= photo.Height }.Count(t => t);
        Assert.True(touches < 4, "the mask must not be the whole photo");
        Assert.Equal(cutout.Image.Width, cutout.Mask.Width);
        var centre = cutout.Mask[cutout.Mask.Width / 2, cutout.Mask.Height / 3];
        Assert.True(centre >= 128, "the garment's centre is inside the mask");
    }

    [Fact]
    public void A_flat_colour_shirt_on_white_gives_its_exact_silhouette()
    {
        using var photo = new SKBitmap(new SKImageInfo(400, 300, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        photo.Erase(SKColors.White);
        using (var canvas = new SKCanvas(photo))
        using (var paint = new SKPaint { Color = new SKColor(200, 30, 40) })
        {
            canvas.DrawRect(new SKRect(100, 60, 300, 260), paint);
            canvas.DrawRect(new SKRect(50, 60, 350, 120), paint); // sleeves
        }

        using var cutout = GarmentMasker.Extract(photo);
        Assert.False(cutout.FromAlpha);
        var solid = cutout.Mask.Clone().Threshold(128).Bounds(); // the feathered edge fades out beyond this
        var (left, top) = (cutout.SourceBounds.Left + solid.Left, cutout.SourceBounds.Top + solid.Top);
        Assert.InRange(left, 48, 52);
        Assert.InRange(left + solid.Width, 348, 352);
        Assert.InRange(top, 58, 62);
        Assert.InRange(top + solid.Height, 258, 262);
        Assert.True(cutout.Mask[10 + 50 - cutout.SourceBounds.Left, 200 - cutout.SourceBounds.Top] < 128, "under a sleeve, beside the body, is background");
    }

    [Fact]
    public void Transparent_png_uses_its_alpha()
    {
        using var photo = Fixtures.Load("garment/upper/tee-blue.png");
        using var cutout = GarmentMasker.Extract(photo);
        Assert.True(cutout.FromAlpha);
    }

    [Fact]
    public void A_blank_photo_has_no_garment()
    {
        using var blank = Fixtures.Solid(200, 200, SKColors.White);
        var error = Assert.Throws<DrapeException>(() => GarmentMasker.Extract(blank));
        Assert.Equal((ErrorCodes.BadInput, 422), (error.ErrorCode, error.Status));
    }

    [Theory]
    [InlineData("garment/upper/hoodie-black.png", GarmentCategory.Upper)]
    [InlineData("garment/upper/longsleeve-red.png", GarmentCategory.Upper)]
    [InlineData("garment/upper/polo-navy.png", GarmentCategory.Upper)]
    [InlineData("garment/upper/tee-blue.png", GarmentCategory.Upper)]
    [InlineData("garment/upper/tee-white.png", GarmentCategory.Upper)]
    [InlineData("garment/upper/tee-women-black.png", GarmentCategory.Upper)]
    [InlineData("garment/lower/shorts-green-render.png", GarmentCategory.Lower)]
    [InlineData("garment/lower/trousers-green-render.png", GarmentCategory.Lower)]
    [InlineData("garment/lower/skirt-blue-render.png", GarmentCategory.Lower)]
    [InlineData("garment/dress/dress-pink-render.png", GarmentCategory.Dress)]
    public void Auto_category_follows_the_garment_shape(string fixture, GarmentCategory expected)
    {
        using var photo = Fixtures.Load(fixture);
        using var cutout = GarmentMasker.Extract(photo);
        Assert.Equal(expected, GarmentShape.Classify(cutout.Mask));
    }

    [Fact]
    public void Legs_make_a_lower_garment()
    {
        var trousers = new Mask(100, 200);
        for (var y = 0; y < 200; y++)
        {
            for (var x = 20; x < 80; x++)
            {
                if (y < 80 || x < 45 || x >= 55)
                {
                    trousers[x, y] = 255;
                }
            }
        }

        Assert.Equal(GarmentCategory.Lower, GarmentShape.Classify(trousers));
    }
}
