using Drape.Imaging.Color;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using SkiaSharp;

namespace Drape.Imaging.Tests.Processing;

public class TryOnCompositorTests
{
    /// <summary>A garment layer as <see cref="MeshWarp"/> makes it: the person's size, premultiplied, one solid rectangle.</summary>
    private static SKBitmap Layer(int width, int height, SKRect garment, SKColor colour)
    {
        var layer = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(layer);
        canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = colour };
        canvas.DrawRect(garment, paint);
        return layer;
    }

    private static SKBitmap Compose(SKBitmap person, SKBitmap layer, Mask? keepOnTop = null)
    {
        using var composite = TryOnCompositor.Compose(person, layer, keepOnTop ?? new Mask(person.Width, person.Height), null, SKColors.Tan, new TryOnCompositeOptions());
        return composite.Image.Copy();
    }

    [Fact]
    public void Pixels_the_garment_does_not_touch_are_bit_identical()
    {
        using var person = Fixtures.Load("person/upper/woman-business.png");
        using var layer = Layer(person.Width, person.Height, new SKRect(300, 600, 600, 900), SKColors.Blue);
        using var result = Compose(person, layer);
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
        using var layer = Layer(200, 200, new SKRect(50, 50, 150, 150), colour);
        using var result = Compose(person, layer);
        var got = result.GetPixel(100, 100);
        var delta = ColorSpaces.DeltaE76(ColorSpaces.ToLab(got.Red, got.Green, got.Blue), ColorSpaces.ToLab(colour.Red, colour.Green, colour.Blue));
        Assert.True(delta < 3, $"ΔE {delta}");
    }

    [Fact]
    public void The_old_garments_folds_shade_the_new_one()
    {
        // Folds: bands 24 px wide, dark and bright in turn, under the whole garment.
        using var person = new SKBitmap(new SKImageInfo(300, 200, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var x = 0; x < 300; x++)
        {
            var v = (byte)(x / 24 % 2 == 0 ? 70 : 190);
            for (var y = 0; y < 200; y++)
            {
                person.SetPixel(x, y, new SKColor(v, v, v));
            }
        }

        using var layer = Layer(300, 200, new SKRect(20, 50, 280, 150), new SKColor(200, 60, 60));
        using var result = Compose(person, layer);
        Assert.True(result.GetPixel(12 + (24 * 4), 100).Red < result.GetPixel(12 + (24 * 5), 100).Red - 20); // a dark band, then a bright one
    }

    [Fact]
    public void Keep_on_top_restores_the_person()
    {
        using var person = Fixtures.Load("person/face/woman-light-skin.jpg");
        using var layer = Layer(person.Width, person.Height, new SKRect(0, 0, 192, 256), SKColors.Green);
        var keep = Mask.Ellipse(person.Width, person.Height, new SKRect(50, 60, 140, 180), featherPx: 0);
        using var result = Compose(person, layer, keep);
        Assert.Equal(person.GetPixel(95, 120), result.GetPixel(95, 120));
        Assert.NotEqual(person.GetPixel(10, 240), result.GetPixel(10, 240));
    }
}
