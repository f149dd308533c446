using Drape.Imaging.Processing;
using SkiaSharp;

namespace Drape.Imaging.Tests.Processing;

/// <summary>
/// The mesh warp's own rasteriser: a jittered mesh of triangles covers its area exactly once (no seams, no
/// double-blended edges), and draws what Skia's <c>DrawVertices</c> draws for the same mesh.
/// </summary>
public sealed class TexturedTrianglesTests
{
    private const int Size = 160;
    private const int Cols = 9;

    public static TheoryData<int> Seeds() => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_mesh_covers_its_area_once_without_seams(int seed)
    {
        // A half-transparent texture: a pixel drawn twice would show alpha ≈ 192, a gap alpha 0.
        using var texture = Fixtures.Solid(64, 64, new SKColor(200, 40, 90, 128));
        var (target, source) = Mesh(new Random(seed), texture.Width);
        var canvas = Draw(texture, target, source);

        for (var y = 30; y < 130; y++)
        {
            for (var x = 30; x < 130; x++)
            {
                Assert.InRange(canvas[((y * Size) + x) * 4 + 3], 127, 129);
            }
        }
    }

    [Fact]
    public void It_draws_what_skia_draws_for_the_same_mesh()
    {
        using var texture = Fixtures.Load("garment/upper/tee-blue.png");
        using var small = texture.Resize(new SKImageInfo(96, 96, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear));
        var (target, source) = Mesh(new Random(7), small.Width);
        var ours = Draw(small, target, source);
        var skia = DrawWithSkia(small, target, source);

        long total = 0, far = 0;
        for (var i = 0; i < ours.Length; i++)
        {
            var difference = Math.Abs(ours[i] - skia[i]);
            total += difference;
            far += difference > 24 ? 1 : 0;
        }

        // Edge pixels differ (Skia antialiases the outline, we test pixel centres); the inside matches closely.
        Assert.True(total / (double)ours.Length < 1.5, $"mean difference {total / (double)ours.Length:0.00}");
        Assert.True(far < ours.Length / 100, $"{far} channel values differ by more than 24");
    }

    /// <summary>A grid over [20, 140]² on the canvas, inner vertices jittered, mapping onto the whole texture.</summary>
    private static (SKPoint[] Target, SKPoint[] Source) Mesh(Random random, int textureSide)
    {
        var (target, source) = (new SKPoint[Cols * Cols], new SKPoint[Cols * Cols]);
        for (var r = 0; r < Cols; r++)
        {
            for (var c = 0; c < Cols; c++)
            {
                var inner = r > 0 && c > 0 && r < Cols - 1 && c < Cols - 1;
                var jitter = inner ? 5f : 0f;
                target[(r * Cols) + c] = new SKPoint(
                    20 + (c * 120f / (Cols - 1)) + (((float)random.NextDouble() - 0.5f) * 2 * jitter),
                    20 + (r * 120f / (Cols - 1)) + (((float)random.NextDouble() - 0.5f) * 2 * jitter));
                source[(r * Cols) + c] = new SKPoint(c * textureSide / (Cols - 1f), r * textureSide / (Cols - 1f));
            }
        }

        return (target, source);
    }

    private static IEnumerable<(int A, int B, int C)> Triangles()
    {
        for (var r = 0; r < Cols - 1; r++)
        {
            for (var c = 0; c < Cols - 1; c++)
            {
                var a = (r * Cols) + c;
                yield return (a, a + 1, a + Cols);
                yield return (a + 1, a + Cols + 1, a + Cols);
            }
        }
    }

    private static byte[] Draw(SKBitmap texture, SKPoint[] target, SKPoint[] source)
    {
        var canvas = new byte[Size * Size * 4];
        var triangles = new TexturedTriangles(texture);
        foreach (var (a, b, c) in Triangles())
        {
            triangles.Draw(canvas, Size, Size, target[a], target[b], target[c], source[a], source[b], source[c]);
        }

        return canvas;
    }

    private static byte[] DrawWithSkia(SKBitmap texture, SKPoint[] target, SKPoint[] source)
    {
        using var layer = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(layer))
        {
            canvas.Clear(SKColors.Transparent);
            var indices = Triangles().SelectMany(t => new[] { (ushort)t.A, (ushort)t.B, (ushort)t.C }).ToArray();
            using var image = SKImage.FromBitmap(texture);
            using var shader = image.ToShader(SKShaderTileMode.Decal, SKShaderTileMode.Decal, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Nearest));
            using var paint = new SKPaint { Shader = shader, IsAntialias = true };
            using var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, target, source, null, indices);
            canvas.DrawVertices(vertices, SKBlendMode.Modulate, paint);
        }

        return layer.GetPixelSpan().ToArray();
    }
}
