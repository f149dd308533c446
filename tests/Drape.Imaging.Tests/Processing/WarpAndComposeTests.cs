using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Geometry;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using SkiaSharp;

namespace Drape.Imaging.Tests.Processing;

public class WarpAndComposeTests
{
    private static GarmentCutout SolidCutout(int width, int height, SKColor color)
    {
        var image = Fixtures.Solid(width, height, color);
        var mask = new Mask(width, height);
        Array.Fill(mask.Data, (byte)255);
        return new GarmentCutout(image, mask, new SKRectI(0, 0, width, height), false);
    }

    private static (double X, double Y) Centroid(SKBitmap layer)
    {
        double sx = 0, sy = 0, total = 0;
        for (var y = 0; y < layer.Height; y++)
        {
            for (var x = 0; x < layer.Width; x++)
            {
                var a = layer.GetPixel(x, y).Alpha;
                sx += x * a;
                sy += y * a;
                total += a;
            }
        }

        return (sx / total, sy / total);
    }

    [Fact]
    public void A_quad_offset_moves_the_garment_by_that_offset()
    {
        using var cutout = SolidCutout(60, 80, SKColors.Red);
        var at = new Quad(new(20, 10), new(80, 10), new(80, 90), new(20, 90));
        var moved = new Quad(new(120, 60), new(180, 60), new(180, 140), new(120, 140));
        using var first = GarmentWarp.WarpToQuad(cutout, at, 300, 200);
        using var second = GarmentWarp.WarpToQuad(cutout, moved, 300, 200);
        var (x1, y1) = Centroid(first);
        var (x2, y2) = Centroid(second);
        Assert.Equal(100, x2 - x1, 1.0);
        Assert.Equal(50, y2 - y1, 1.0);
        Assert.Equal(50, x1, 1.0);
        Assert.Equal(SKColors.Red, first.GetPixel(50, 50).WithAlpha(255));
        Assert.Equal(0, first.GetPixel(5, 5).Alpha);
    }

    [Fact]
    public void Pixels_the_garment_does_not_touch_are_bit_identical()
    {
        using var person = Fixtures.Load("person/upper/woman-business.png");
        using var cutout = SolidCutout(100, 100, SKColors.Blue);
        using var layer = GarmentWarp.WarpToQuad(cutout, new Quad(new(300, 600), new(600, 600), new(600, 900), new(300, 900)), person.Width, person.Height);
        using var result = Compositor.Compose(person, layer, null, new CompositeOptions());
        var original = person.GetPixelSpan();
        var composed = result.GetPixelSpan();
        var alpha = layer.GetPixelSpan();
        var changedInside = 0;
        for (var i = 0; i < original.Length; i += 4)
        {
            if (alpha[i + 3] == 0)
            {
                Assert.True(original.Slice(i, 4).SequenceEqual(composed.Slice(i, 4)), $"pixel {i / 4} changed outside the garment");
            }
            else if (!original.Slice(i, 3).SequenceEqual(composed.Slice(i, 3)))
            {
                changedInside++;
            }
        }

        Assert.True(changedInside > 80_000);
    }

    [Fact]
    public void Under_even_light_the_garment_keeps_its_colour()
    {
        using var person = Fixtures.Solid(200, 200, new SKColor(128, 128, 128));
        var colour = new SKColor(30, 90, 200);
        using var cutout = SolidCutout(100, 100, colour);
        using var layer = GarmentWarp.WarpToQuad(cutout, new Quad(new(50, 50), new(150, 50), new(150, 150), new(50, 150)), 200, 200);
        using var result = Compositor.Compose(person, layer, null, new CompositeOptions());
        var got = result.GetPixel(100, 100);
        var delta = ColorSpaces.DeltaE76(ColorSpaces.ToLab(got.Red, got.Green, got.Blue), ColorSpaces.ToLab(colour.Red, colour.Green, colour.Blue));
        Assert.True(delta < 3, $"ΔE {delta}");
    }

    [Fact]
    public void The_photo_light_shades_the_garment()
    {
        using var person = new SKBitmap(new SKImageInfo(300, 200, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var x = 0; x < 300; x++)
        {
            var v = (byte)(40 + (x * 200 / 300)); // dark on the left, bright on the right
            for (var y = 0; y < 200; y++)
            {
                person.SetPixel(x, y, new SKColor(v, v, v));
            }
        }

        using var cutout = SolidCutout(100, 100, new SKColor(200, 60, 60));
        using var layer = GarmentWarp.WarpToQuad(cutout, new Quad(new(20, 50), new(280, 50), new(280, 150), new(20, 150)), 300, 200);
        using var result = Compositor.Compose(person, layer, null, new CompositeOptions(ShadingStrength: 0.6f));
        Assert.True(result.GetPixel(50, 100).Red < result.GetPixel(250, 100).Red - 30);
    }

    [Fact]
    public void Keep_on_top_restores_the_person()
    {
        using var person = Fixtures.Load("person/face/woman-light-skin.jpg");
        using var cutout = SolidCutout(50, 50, SKColors.Green);
        using var layer = GarmentWarp.WarpToQuad(cutout, new Quad(new(0, 0), new(192, 0), new(192, 256), new(0, 256)), person.Width, person.Height);
        var keep = Mask.Ellipse(person.Width, person.Height, new SKRect(50, 60, 140, 180), featherPx: 0);
        using var result = Compositor.Compose(person, layer, keep, new CompositeOptions());
        Assert.Equal(person.GetPixel(95, 120), result.GetPixel(95, 120));
        Assert.NotEqual(person.GetPixel(10, 240), result.GetPixel(10, 240));
    }

    [Fact]
    public void Lab_conversion_matches_published_values()
    {
        var white = ColorSpaces.ToLab(255, 255, 255);
        Assert.Equal(100f, white.L, 1);
        var red = ColorSpaces.ToLab(255, 0, 0);
        Assert.Equal(53.24f, red.L, 1);
        Assert.Equal(80.09f, red.A, 0);
        Assert.Equal(67.20f, red.B, 0);
        Assert.Equal((255, 0, 0), ((int, int, int))ColorSpaces.ToSrgb(red));
    }
}
