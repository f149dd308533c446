using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using SkiaSharp;

namespace Drape.Imaging.Quality;

/// <summary>
/// The try-on quality metrics (issue 6), shared by the tests and the bench report: face SSIM, pixels changed outside
/// the garment region, colour fidelity of the placed garment (CIELAB ΔE, before shading) and shoulder alignment.
/// </summary>
public static class TryOnQuality
{
    /// <summary>
    /// Mean SSIM of the luma of two same-sized images over <paramref name="rect"/>: 8×8 windows every 4 px, the
    /// usual constants (K1 = 0.01, K2 = 0.03, L = 255). 1 = identical.
    /// </summary>
    public static double Ssim(SKBitmap a, SKBitmap b, SKRectI rect)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException("SSIM needs two images of the same size.", nameof(b));
        }

        rect.Intersect(new SKRectI(0, 0, a.Width, a.Height));
        const int Window = 8, Stride = 4;
        const double C1 = 6.5025, C2 = 58.5225; // (0.01·255)², (0.03·255)²
        var la = Luma(a);
        var lb = Luma(b);
        double total = 0;
        var windows = 0;
        for (var y = rect.Top; y + Window <= rect.Bottom; y += Stride)
        {
            for (var x = rect.Left; x + Window <= rect.Right; x += Stride)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (var dy = 0; dy < Window; dy++)
                {
                    var row = (y + dy) * a.Width;
                    for (var dx = 0; dx < Window; dx++)
                    {
                        double va = la[row + x + dx], vb = lb[row + x + dx];
                        sa += va;
                        sb += vb;
                        saa += va * va;
                        sbb += vb * vb;
                        sab += va * vb;
                    }
                }

                const double N = Window * Window;
                double ma = sa / N, mb = sb / N;
                double va2 = (saa / N) - (ma * ma), vb2 = (sbb / N) - (mb * mb), cov = (sab / N) - (ma * mb);
                total += ((2 * ma * mb) + C1) * ((2 * cov) + C2) / (((ma * ma) + (mb * mb) + C1) * (va2 + vb2 + C2));
                windows++;
            }
        }

        return windows == 0 ? 1 : total / windows;
    }

    /// <summary>How many pixels outside <paramref name="region"/> (value 0) differ between input and result.</summary>
    public static int ChangedOutside(SKBitmap input, SKBitmap result, Mask region)
    {
        var a = input.GetPixelSpan();
        var b = result.GetPixelSpan();
        var changed = 0;
        for (var i = 0; i < region.Data.Length; i++)
        {
            if (region.Data[i] == 0 && (a[i * 4] != b[i * 4] || a[(i * 4) + 1] != b[(i * 4) + 1] || a[(i * 4) + 2] != b[(i * 4) + 2]))
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// Mean CIELAB ΔE (1976) between garment pixels in the cut-out and where the mesh put them on the (unshaded)
    /// layer. Samples on a grid of about <paramref name="samples"/> points inside the cloth (3 px away from its edge),
    /// kept where the layer is opaque there; returns NaN when no sample lands.
    /// </summary>
    public static double MeanDeltaE(GarmentCutout cutout, SKBitmap layer, MeshWarp mesh, int samples = 2000)
    {
        var inner = cutout.Mask.Clone().Threshold(250).Erode(3);
        var step = Math.Max(1f, MathF.Sqrt(cutout.Image.Width * cutout.Image.Height / (float)samples));
        double total = 0;
        var count = 0;
        for (var y = step / 2f; y < cutout.Image.Height; y += step)
        {
            for (var x = step / 2f; x < cutout.Image.Width; x += step)
            {
                if (inner[(int)x, (int)y] == 0)
                {
                    continue;
                }

                var target = mesh.Map(new SKPoint(x, y));
                if (Sample(layer, target.X, target.Y, premultiplied: true) is not { } placed || Sample(cutout.Image, x, y, premultiplied: false) is not { } own)
                {
                    continue;
                }

                total += ColorSpaces.DeltaE76(placed, own);
                count++;
            }
        }

        return count == 0 ? double.NaN : total / count;
    }

    /// <summary>A distance as a share of the image height (the shoulder-alignment metric).</summary>
    public static double ShareOfHeight(SKPoint a, SKPoint b, int imageHeight) => SKPoint.Distance(a, b) / imageHeight;

    /// <summary>Bilinear colour at (x, y) as CIELAB; null where any tap is not opaque (alpha &lt; 250) or outside.</summary>
    private static Lab? Sample(SKBitmap image, float x, float y, bool premultiplied)
    {
        var fx = x - 0.5f;
        var fy = y - 0.5f;
        int x0 = (int)MathF.Floor(fx), y0 = (int)MathF.Floor(fy);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= image.Width || y0 + 1 >= image.Height)
        {
            return null;
        }

        var pixels = image.GetPixelSpan();
        float wx = fx - x0, wy = fy - y0;
        Span<float> rgb = stackalloc float[3];
        for (var tap = 0; tap < 4; tap++)
        {
            int tx = x0 + (tap & 1), ty = y0 + (tap >> 1);
            var p = ((ty * image.Width) + tx) * 4;
            if (pixels[p + 3] < 250)
            {
                return null;
            }

            var weight = ((tap & 1) == 1 ? wx : 1 - wx) * ((tap >> 1) == 1 ? wy : 1 - wy);
            var scale = premultiplied ? 255f / pixels[p + 3] : 1f;
            for (var c = 0; c < 3; c++)
            {
                rgb[c] += pixels[p + c] * scale * weight;
            }
        }

        return ColorSpaces.ToLab(ToByte(rgb[0]), ToByte(rgb[1]), ToByte(rgb[2]));
    }

    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v), 0f, 255f);

    private static float[] Luma(SKBitmap image)
    {
        var pixels = image.GetPixelSpan();
        var luma = new float[image.Width * image.Height];
        for (var i = 0; i < luma.Length; i++)
        {
            luma[i] = (0.299f * pixels[i * 4]) + (0.587f * pixels[(i * 4) + 1]) + (0.114f * pixels[(i * 4) + 2]);
        }

        return luma;
    }
}
