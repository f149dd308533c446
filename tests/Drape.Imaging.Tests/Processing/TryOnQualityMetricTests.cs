using Drape.Imaging.Masks;
using Drape.Imaging.Quality;
using SkiaSharp;

namespace Drape.Imaging.Tests.Processing;

public class TryOnQualityMetricTests
{
    [Fact]
    public void Ssim_is_one_for_identical_images_and_drops_for_a_changed_one()
    {
        using var a = Fixtures.Load("person/upper/woman-business.png");
        using var b = a.Copy();
        var rect = new SKRectI(300, 200, 600, 500);
        Assert.Equal(1.0, TryOnQuality.Ssim(a, b, rect), 6);
        using (var canvas = new SKCanvas(b))
        using (var paint = new SKPaint { Color = SKColors.Blue })
        {
            canvas.DrawRect(SKRect.Create(350, 250, 120, 120), paint);
        }

        Assert.True(TryOnQuality.Ssim(a, b, rect) < 0.9);
    }

    [Fact]
    public void Counts_only_changes_outside_the_region()
    {
        using var a = Fixtures.Solid(20, 10, SKColors.White);
        using var b = a.Copy();
        b.SetPixel(2, 2, SKColors.Black);
        b.SetPixel(15, 5, SKColors.Black);
        var region = new Mask(20, 10);
        region[2, 2] = 255;
        Assert.Equal(1, TryOnQuality.ChangedOutside(a, b, region));
    }
}
