using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.Tests.Faces;

public class AnchorsAndNmsTests
{
    [Fact]
    public void There_are_896_anchors_in_output_order()
    {
        var anchors = BlazeFaceAnchors.Centres;
        Assert.Equal(896, anchors.Length);
        Assert.Equal(new SKPoint(0.5f / 16, 0.5f / 16), anchors[0]);
        Assert.Equal(anchors[0], anchors[1]); // two anchors per cell in the 16×16 layer
        Assert.Equal(new SKPoint(1.5f / 16, 0.5f / 16), anchors[2]);
        Assert.Equal(new SKPoint(0.5f / 8, 0.5f / 8), anchors[512]);
        Assert.Equal(new SKPoint(7.5f / 8, 7.5f / 8), anchors[895]);
    }

    [Fact]
    public void Weighted_nms_merges_overlapping_boxes_by_score()
    {
        var points = Enumerable.Repeat(new SKPoint(0, 0), 6).ToArray();
        var merged = WeightedNms.Apply(
        [
            new FaceDetection(new SKRect(0, 0, 10, 10), 0.9f, points),
            new FaceDetection(new SKRect(2, 0, 12, 10), 0.3f, points),
            new FaceDetection(new SKRect(50, 50, 60, 60), 0.6f, points),
        ]);

        Assert.Equal(2, merged.Count);
        Assert.Equal(0.9f, merged[0].Score);
        Assert.Equal(0.5f, merged[0].Box.Left, 3); // (0·0.9 + 2·0.3) / 1.2
        Assert.Equal(new SKRect(50, 50, 60, 60), merged[1].Box);
    }

    [Fact]
    public void Letterbox_maps_back_exactly()
    {
        var box = new Letterbox(SKRect.Create(100, 40, 300, 150), 128);
        var centre = box.ToImage(0.5f, 0.5f);
        Assert.Equal(250f, centre.X, 3);
        Assert.Equal(115f, centre.Y, 3);
        var topLeft = box.ToImage(0, 0.25f); // the 150-high region is padded by a quarter above and below
        Assert.Equal(100f, topLeft.X, 3);
        Assert.Equal(40f, topLeft.Y, 3);
    }
}
