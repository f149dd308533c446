using System.Numerics;
using SkiaSharp;

namespace Drape.Imaging.Masks;

/// <summary>
/// Erosion, dilation, opening, closing and box blur, each separable. Windows are clamped at the image border (the
/// edge pixel repeats). Every pass runs only over the non-zero pixels' bounds grown by what the operation can reach
/// (zeros far from any non-zero pixel stay zero under all of them), and both directions walk rows, so a sparse
/// full-size mask costs little (ADR 0010).
/// </summary>
public sealed partial class Mask
{
    public Mask Dilate(int radius) => radius <= 0 ? this : SlidingExtreme(radius, max: true);

    public Mask Erode(int radius) => radius <= 0 ? this : SlidingExtreme(radius, max: false);

    /// <summary>Removes specks smaller than the radius.</summary>
    public Mask Open(int radius) => Erode(radius).Dilate(radius);

    /// <summary>Fills gaps and notches smaller than the radius.</summary>
    public Mask Close(int radius) => Dilate(radius).Erode(radius);

    /// <summary>Three box-blur passes (close to a Gaussian of σ ≈ radius) for soft edges.</summary>
    public Mask Blur(int radius)
    {
        if (radius <= 0 || Working(3 * radius) is not { } area)
        {
            return this;
        }

        var (a, b) = (Cut(area), new byte[area.Width * area.Height]);
        for (var pass = 0; pass < 3; pass++)
        {
            BoxRows(a, b, area.Width, area.Height, radius);
            BoxColumns(b, a, area.Width, area.Height, radius);
        }

        Paste(a, area);
        return this;
    }

    private Mask SlidingExtreme(int radius, bool max)
    {
        if (Working(radius) is not { } area)
        {
            return this;
        }

        var (a, b) = (Cut(area), new byte[area.Width * area.Height]);
        ExtremeRows(a, b, area.Width, area.Height, radius, max);
        ExtremeColumns(b, a, area.Width, area.Height, radius, max);
        Paste(a, area);
        return this;
    }

    /// <summary>The non-zero bounds grown by <paramref name="reach"/> + 1 within the image; null when all is zero.</summary>
    private SKRectI? Working(int reach)
    {
        var bounds = Bounds();
        if (bounds.IsEmpty)
        {
            return null;
        }

        return SKRectI.Intersect(SKRectI.Inflate(bounds, reach + 1, reach + 1), new SKRectI(0, 0, Width, Height));
    }

    private byte[] Cut(SKRectI area)
    {
        var data = new byte[area.Width * area.Height];
        for (var y = 0; y < area.Height; y++)
        {
            Data.AsSpan(((y + area.Top) * Width) + area.Left, area.Width).CopyTo(data.AsSpan(y * area.Width, area.Width));
        }

        return data;
    }

    private void Paste(byte[] data, SKRectI area)
    {
        for (var y = 0; y < area.Height; y++)
        {
            data.AsSpan(y * area.Width, area.Width).CopyTo(Data.AsSpan(((y + area.Top) * Width) + area.Left, area.Width));
        }
    }

    /// <summary>Per row: the extreme over [x − r, x + r], as shifted element-wise max/min of whole rows.</summary>
    private static void ExtremeRows(byte[] source, byte[] target, int width, int height, int radius, bool max)
    {
        for (var y = 0; y < height; y++)
        {
            var from = source.AsSpan(y * width, width);
            var to = target.AsSpan(y * width, width);
            from.CopyTo(to);
            for (var k = 1; k <= Math.Min(radius, width - 1); k++)
            {
                Combine(to[..^k], from[k..], max);
                Combine(to[k..], from[..^k], max);
            }
        }
    }

    /// <summary>Per row: the extreme of the rows [y − r, y + r] (clamped, and a repeated edge row changes nothing).</summary>
    private static void ExtremeColumns(byte[] source, byte[] target, int width, int height, int radius, bool max)
    {
        for (var y = 0; y < height; y++)
        {
            var to = target.AsSpan(y * width, width);
            source.AsSpan(y * width, width).CopyTo(to);
            for (var other = Math.Max(0, y - radius); other <= Math.Min(height - 1, y + radius); other++)
            {
                if (other != y)
                {
                    Combine(to, source.AsSpan(other * width, width), max);
                }
            }
        }
    }

    /// <summary><paramref name="target"/>[i] = max (or min) of itself and <paramref name="other"/>[i].</summary>
    private static void Combine(Span<byte> target, ReadOnlySpan<byte> other, bool max)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var n = Vector<byte>.Count;
            for (; i <= target.Length - n; i += n)
            {
                var a = new Vector<byte>(target[i..]);
                var b = new Vector<byte>(other[i..]);
                (max ? Vector.Max(a, b) : Vector.Min(a, b)).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] = max ? Math.Max(target[i], other[i]) : Math.Min(target[i], other[i]);
        }
    }

    /// <summary>
    /// ⌈2³² / window⌉: (sum + window/2) · this ≫ 32 is the rounded mean exactly, for every sum a byte window can
    /// reach (sum · (this · window − 2³²) &lt; 2³² holds far beyond 255 · window).
    /// </summary>
    private static ulong Reciprocal(int window) => ((1UL << 32) + (ulong)window - 1) / (ulong)window;

    /// <summary>Running-sum box filter along each row (window 2r + 1, edge pixel repeated, rounded to nearest).</summary>
    private static void BoxRows(byte[] source, byte[] target, int width, int height, int radius)
    {
        var window = (2 * radius) + 1;
        var reciprocal = Reciprocal(window);
        for (var y = 0; y < height; y++)
        {
            var row = source.AsSpan(y * width, width);
            var output = target.AsSpan(y * width, width);
            var sum = 0;
            for (var j = -radius; j <= radius; j++)
            {
                sum += row[Math.Clamp(j, 0, width - 1)];
            }

            for (var x = 0; x < width; x++)
            {
                output[x] = (byte)(((ulong)(sum + (window / 2)) * reciprocal) >> 32);
                sum += row[Math.Min(x + radius + 1, width - 1)] - row[Math.Max(x - radius, 0)];
            }
        }
    }

    /// <summary>The same filter down the columns, keeping one running sum per column and walking rows.</summary>
    private static void BoxColumns(byte[] source, byte[] target, int width, int height, int radius)
    {
        var window = (2 * radius) + 1;
        var reciprocal = Reciprocal(window);
        var sums = new int[width];
        for (var j = -radius; j <= radius; j++)
        {
            var row = source.AsSpan(Math.Clamp(j, 0, height - 1) * width, width);
            for (var x = 0; x < width; x++)
            {
                sums[x] += row[x];
            }
        }

        for (var y = 0; y < height; y++)
        {
            var output = target.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                output[x] = (byte)(((ulong)(sums[x] + (window / 2)) * reciprocal) >> 32);
            }

            var entering = source.AsSpan(Math.Min(y + radius + 1, height - 1) * width, width);
            var leaving = source.AsSpan(Math.Max(y - radius, 0) * width, width);
            for (var x = 0; x < width; x++)
            {
                sums[x] += entering[x] - leaving[x];
            }
        }
    }
}
