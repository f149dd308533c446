using SkiaSharp;

namespace Drape.Imaging.Processing;

/// <summary>
/// Draws textured triangles into a premultiplied Rgba8888 canvas, source-over in the order given (a later triangle
/// lies on top). A pixel belongs to a triangle when its centre is inside; vertices are snapped to 1/16 px and the
/// edge tests are exact integers with a tie rule, so neighbours sharing an edge never both draw a pixel nor leave a
/// gap. The colour is the texture's bilinear sample (premultiplied, transparent outside it, 8-bit weights) at the
/// point the triangle's affine map sends the pixel centre to. Skia's <c>DrawVertices</c> does the same on the CPU
/// with a per-triangle pipeline; for the try-on's ~2 000 triangles over half a megapixel this is several times
/// faster (docs/decisions/0010-try-on-latency.md).
/// </summary>
public sealed class TexturedTriangles
{
    private const int SubPixel = 16;

    private readonly uint[] _texels;
    private readonly int _textureWidth;
    private readonly int _textureHeight;

    /// <param name="texture">Rgba8888, unpremultiplied (a garment cut-out with its mask as alpha).</param>
    public TexturedTriangles(SKBitmap texture)
    {
        (_textureWidth, _textureHeight) = (texture.Width, texture.Height);
        var pixels = texture.GetPixelSpan();
        _texels = new uint[texture.Width * texture.Height];
        for (var i = 0; i < _texels.Length; i++)
        {
            var p = i * 4;
            uint a = pixels[p + 3];
            _texels[i] = Premultiply(pixels[p], a) | (Premultiply(pixels[p + 1], a) << 8) | (Premultiply(pixels[p + 2], a) << 16) | (a << 24);
        }
    }

    /// <summary>Draws one triangle: <paramref name="t0"/>..<paramref name="t2"/> on the canvas show <paramref name="s0"/>..<paramref name="s2"/> of the texture.</summary>
    public void Draw(Span<byte> canvas, int width, int height, SKPoint t0, SKPoint t1, SKPoint t2, SKPoint s0, SKPoint s1, SKPoint s2)
    {
        var (x0, y0, x1, y1, x2, y2) = (Snap(t0.X), Snap(t0.Y), Snap(t1.X), Snap(t1.Y), Snap(t2.X), Snap(t2.Y));
        var area = ((long)(x1 - x0) * (y2 - y0)) - ((long)(y1 - y0) * (x2 - x0));
        if (area == 0)
        {
            return;
        }

        if (area < 0)
        {
            // Wound the other way: swap two vertices so every edge function is negative inside.
            (x1, y1, x2, y2) = (x2, y2, x1, y1);
            (t1, t2, s1, s2) = (t2, t1, s2, s1);
        }

        int left = Math.Max(0, Math.Min(x0, Math.Min(x1, x2)) / SubPixel), right = Math.Min(width - 1, (Math.Max(x0, Math.Max(x1, x2)) / SubPixel) + 1);
        int top = Math.Max(0, Math.Min(y0, Math.Min(y1, y2)) / SubPixel), bottom = Math.Min(height - 1, (Math.Max(y0, Math.Max(y1, y2)) / SubPixel) + 1);
        var det = ((t1.X - t0.X) * (t2.Y - t0.Y)) - ((t1.Y - t0.Y) * (t2.X - t0.X));
        if (left > right || top > bottom || MathF.Abs(det) < 1e-9f)
        {
            return;
        }

        // Texture coordinates as affine functions of the canvas point (from the unsnapped vertices).
        float Coefficient(float a, float b, float c, bool dx) => dx
            ? (((b - a) * (t2.Y - t0.Y)) - ((c - a) * (t1.Y - t0.Y))) / det
            : (((c - a) * (t1.X - t0.X)) - ((b - a) * (t2.X - t0.X))) / det;
        float ux = Coefficient(s0.X, s1.X, s2.X, true), uy = Coefficient(s0.X, s1.X, s2.X, false);
        float vx = Coefficient(s0.Y, s1.Y, s2.Y, true), vy = Coefficient(s0.Y, s1.Y, s2.Y, false);

        var e0 = new Edge(x1, y1, x2, y2);
        var e1 = new Edge(x2, y2, x0, y0);
        var e2 = new Edge(x0, y0, x1, y1);
        var cx0 = (left * SubPixel) + (SubPixel / 2);
        for (var y = top; y <= bottom; y++)
        {
            var cy = (y * SubPixel) + (SubPixel / 2);
            long w0 = e0.At(cx0, cy), w1 = e1.At(cx0, cy), w2 = e2.At(cx0, cy);
            var (px, py) = (left + 0.5f - t0.X, y + 0.5f - t0.Y);
            float u = s0.X + (ux * px) + (uy * py), v = s0.Y + (vx * px) + (vy * py);
            var row = canvas.Slice(y * width * 4, width * 4);
            var entered = false;
            for (var x = left; x <= right; x++, w0 += e0.StepX, w1 += e1.StepX, w2 += e2.StepX, u += ux, v += vx)
            {
                if (e0.Inside(w0) && e1.Inside(w1) && e2.Inside(w2))
                {
                    entered = true;
                    Blend(row.Slice(x * 4, 4), u, v);
                }
                else if (entered)
                {
                    break; // a triangle's row is one run
                }
            }
        }
    }

    private static uint Premultiply(byte c, uint a) => ((c * a) + 127) / 255;

    private static int Snap(float v) => (int)MathF.Round(Math.Clamp(v, -1e6f, 1e6f) * SubPixel);

    /// <summary>Source-over of the texture's bilinear sample at (u, v) (texel centres at +0.5) onto a premultiplied pixel.</summary>
    private void Blend(Span<byte> pixel, float u, float v)
    {
        u -= 0.5f;
        v -= 0.5f;
        var ix = (int)MathF.Floor(u);
        var iy = (int)MathF.Floor(v);
        var fx = (uint)((u - ix) * 256f);
        var fy = (uint)((v - iy) * 256f);
        uint t00, t10, t01, t11;
        if ((uint)ix < (uint)(_textureWidth - 1) && (uint)iy < (uint)(_textureHeight - 1))
        {
            var i = (iy * _textureWidth) + ix;
            (t00, t10, t01, t11) = (_texels[i], _texels[i + 1], _texels[i + _textureWidth], _texels[i + _textureWidth + 1]);
        }
        else
        {
            (t00, t10, t01, t11) = (Texel(ix, iy), Texel(ix + 1, iy), Texel(ix, iy + 1), Texel(ix + 1, iy + 1));
        }

        var (w00, w10, w01, w11) = ((256 - fx) * (256 - fy), fx * (256 - fy), (256 - fx) * fy, fx * fy);
        uint Channel(int shift) => (((t00 >> shift) & 255) * w00) + (((t10 >> shift) & 255) * w10) + (((t01 >> shift) & 255) * w01) + (((t11 >> shift) & 255) * w11);
        var a = Channel(24);
        if (a < 32768)
        {
            return; // under half a level of coverage
        }

        var keep = (255u << 16) - a; // (255 − alpha) in 16.16
        pixel[0] = Over(Channel(0), pixel[0], keep);
        pixel[1] = Over(Channel(8), pixel[1], keep);
        pixel[2] = Over(Channel(16), pixel[2], keep);
        pixel[3] = Over(a, pixel[3], keep);
    }

    /// <summary>source (16.16) + destination · keep / 255, rounded and clamped.</summary>
    private static byte Over(uint source, byte destination, uint keep)
    {
        var value = (source + (uint)((ulong)destination * keep / 255) + 32768) >> 16;
        return (byte)Math.Min(255u, value);
    }

    private uint Texel(int x, int y) =>
        x < 0 || y < 0 || x >= _textureWidth || y >= _textureHeight ? 0u : _texels[(y * _textureWidth) + x];

    /// <summary>An edge's integer line function, negative inside; on the line, one of the two triangles sharing it wins.</summary>
    private readonly struct Edge(int ax, int ay, int bx, int by)
    {
        private readonly long _a = by - ay;
        private readonly long _b = ax - bx;
        private readonly long _c = ((long)bx * ay) - ((long)ax * by);
        private readonly bool _owner = (ay == by && bx < ax) || by < ay;

        public long StepX => _a * SubPixel;

        public long At(int x, int y) => (_a * x) + (_b * y) + _c;

        public bool Inside(long value) => value < 0 || (value == 0 && _owner);
    }
}
