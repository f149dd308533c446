using Drape.Imaging.Garments;
using Drape.Imaging.Geometry;
using SkiaSharp;

namespace Drape.Imaging.Processing;

/// <summary>
/// Maps a garment cut-out onto the person's canvas through a textured triangle mesh (<c>SKCanvas.DrawVertices</c>).
/// The result is a canvas-sized, premultiplied Rgba8888 layer, transparent outside the garment.
/// </summary>
public static class GarmentWarp
{
    private const int Cells = 8;

    /// <summary>The cut-out's rectangle mapped bilinearly onto <paramref name="target"/> (no perspective).</summary>
    public static SKBitmap WarpToQuad(GarmentCutout cutout, Quad target, int canvasWidth, int canvasHeight)
    {
        var source = new SKPoint[(Cells + 1) * (Cells + 1)];
        var destination = new SKPoint[source.Length];
        for (var row = 0; row <= Cells; row++)
        {
            for (var col = 0; col <= Cells; col++)
            {
                float u = col / (float)Cells, v = row / (float)Cells;
                source[(row * (Cells + 1)) + col] = new SKPoint(u * cutout.Image.Width, v * cutout.Image.Height);
                destination[(row * (Cells + 1)) + col] = target.Map(u, v);
            }
        }

        return WarpMesh(cutout, source, destination, Cells + 1, Cells + 1, canvasWidth, canvasHeight);
    }

    /// <summary>
    /// A general mesh warp: <paramref name="sourceGrid"/> (cut-out pixels) and <paramref name="targetGrid"/> (canvas
    /// pixels) are <paramref name="cols"/>×<paramref name="rows"/> grids of corresponding points, row-major.
    /// </summary>
    public static SKBitmap WarpMesh(GarmentCutout cutout, SKPoint[] sourceGrid, SKPoint[] targetGrid, int cols, int rows, int canvasWidth, int canvasHeight)
    {
        var indices = new List<ushort>((cols - 1) * (rows - 1) * 6);
        for (var row = 0; row < rows - 1; row++)
        {
            for (var col = 0; col < cols - 1; col++)
            {
                var a = (ushort)((row * cols) + col);
                var b = (ushort)(a + 1);
                var c = (ushort)(a + cols);
                var d = (ushort)(c + 1);
                indices.AddRange([a, b, c, b, d, c]);
            }
        }

        var layer = new SKBitmap(new SKImageInfo(canvasWidth, canvasHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(layer);
        canvas.Clear(SKColors.Transparent);
        using var image = SKImage.FromBitmap(cutout.Image);
        using var shader = image.ToShader(SKShaderTileMode.Decal, SKShaderTileMode.Decal, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        using var paint = new SKPaint { Shader = shader, IsAntialias = true };
        using var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, targetGrid, sourceGrid, null, [.. indices]);
        canvas.DrawVertices(vertices, SKBlendMode.Modulate, paint);
        return layer;
    }
}
