using SkiaSharp;

namespace Drape.Vision.Faces;

/// <summary>
/// BlazeFace's 896 SSD anchors, in the models' output order: a 16×16 grid with 2 anchors per cell, then an 8×8 grid
/// with 6 per cell (MediaPipe's SsdAnchorsCalculator with strides 8/16/16/16 at 128 px, 16/32/32/32 at 256 px,
/// offset 0.5, fixed anchor size). Centres are in input-normalised coordinates (0..1).
/// </summary>
internal static class BlazeFaceAnchors
{
    public const int Count = 896;
    public const int FirstLayerCount = 512;

    public static readonly SKPoint[] Centres = Generate();

    private static SKPoint[] Generate()
    {
        var anchors = new List<SKPoint>(Count);
        AddGrid(anchors, cells: 16, perCell: 2);
        AddGrid(anchors, cells: 8, perCell: 6);
        return [.. anchors];
    }

    private static void AddGrid(List<SKPoint> anchors, int cells, int perCell)
    {
        for (var y = 0; y < cells; y++)
        {
            for (var x = 0; x < cells; x++)
            {
                for (var a = 0; a < perCell; a++)
                {
                    anchors.Add(new SKPoint((x + 0.5f) / cells, (y + 0.5f) / cells));
                }
            }
        }
    }
}
