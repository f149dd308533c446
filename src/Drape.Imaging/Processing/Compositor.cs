using Drape.Imaging.Color;
using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Processing;

/// <summary>
/// Puts a warped garment layer on the person photo: the garment's edge is feathered inward, its colours follow the
/// photo's low-frequency light (shading transfer), a keep-on-top mask (face, hair) restores the person's pixels, and
/// every pixel the garment does not touch is bit-identical to the input.
/// </summary>
public static class Compositor
{
    /// <param name="person">Rgba8888, unpremultiplied.</param>
    /// <param name="garmentLayer">Rgba8888, premultiplied, same size (from <see cref="GarmentWarp"/>).</param>
    public static SKBitmap Compose(SKBitmap person, SKBitmap garmentLayer, Mask? keepOnTop, CompositeOptions options)
    {
        int width = person.Width, height = person.Height;
        if (garmentLayer.Width != width || garmentLayer.Height != height)
        {
            throw new ArgumentException("The garment layer must have the person photo's size.", nameof(garmentLayer));
        }

        var coverage = FeatheredCoverage(garmentLayer, options.FeatherPx);
        var shading = ShadingMap.Build(person, coverage);
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var dst = result.GetPixelSpan();
        person.GetPixelSpan().CopyTo(dst);
        var layer = garmentLayer.GetPixelSpan();
        var strength = options.ShadingStrength;

        for (var i = 0; i < coverage.Data.Length; i++)
        {
            var a = coverage.Data[i] / 255f;
            if (keepOnTop is not null)
            {
                a *= 1f - (keepOnTop.Data[i] / 255f);
            }

            if (a <= 0f)
            {
                continue; // untouched: the person's pixel as it was
            }

            var p = i * 4;
            var layerAlpha = layer[p + 3];
            if (layerAlpha == 0)
            {
                continue;
            }

            var light = 1f + (strength * (shading.FactorAt(i % width, i / width) - 1f));
            for (var c = 0; c < 3; c++)
            {
                var garment = Math.Clamp(layer[p + c] * 255f / layerAlpha * light, 0f, 255f);
                dst[p + c] = (byte)MathF.Round((dst[p + c] * (1f - a)) + (garment * a));
            }
        }

        return result;
    }

    /// <summary>The layer's alpha, softened only inward (min of alpha and its blur), so nothing spills outside.</summary>
    private static Mask FeatheredCoverage(SKBitmap layer, float featherPx)
    {
        var alpha = new Mask(layer.Width, layer.Height);
        var pixels = layer.GetPixelSpan();
        for (var i = 0; i < alpha.Data.Length; i++)
        {
            alpha.Data[i] = pixels[(i * 4) + 3];
        }

        var radius = (int)MathF.Round(featherPx);
        if (radius <= 0)
        {
            return alpha;
        }

        var blurred = alpha.Clone().Blur(radius);
        for (var i = 0; i < alpha.Data.Length; i++)
        {
            alpha.Data[i] = Math.Min(alpha.Data[i], blurred.Data[i]);
        }

        return alpha;
    }

    /// <summary>
    /// The person's luminance, heavily blurred (≈ 2.5% of the diagonal) at quarter resolution, divided by its mean
    /// under the garment: &gt; 1 where the photo is brighter than average there, &lt; 1 where darker.
    /// </summary>
    private sealed class ShadingMap
    {
        private const int Step = 4;
        private readonly float[] _factors;
        private readonly int _width;
        private readonly int _height;

        private ShadingMap(float[] factors, int width, int height) => (_factors, _width, _height) = (factors, width, height);

        public float FactorAt(int x, int y) => _factors[(Math.Min(y / Step, _height - 1) * _width) + Math.Min(x / Step, _width - 1)];

        public static ShadingMap Build(SKBitmap person, Mask coverage)
        {
            int w = Math.Max(1, person.Width / Step), h = Math.Max(1, person.Height / Step);
            var pixels = person.GetPixelSpan();
            var luminance = new Mask(w, h);
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var p = (((y * Step) * person.Width) + (x * Step)) * 4;
                    var linear = ColorSpaces.Luminance(pixels[p], pixels[p + 1], pixels[p + 2]);
                    luminance[x, y] = (byte)Math.Clamp(MathF.Round(ColorSpaces.LinearToSrgb(linear) * 255f), 0, 255);
                }
            }

            var radius = Math.Max(1, (int)(MathF.Sqrt((w * w) + (h * h)) * 0.025f));
            luminance.Blur(radius);

            double sum = 0, weight = 0;
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var a = coverage[Math.Min(x * Step, coverage.Width - 1), Math.Min(y * Step, coverage.Height - 1)] / 255.0;
                    sum += luminance[x, y] * a;
                    weight += a;
                }
            }

            var mean = weight > 0 ? (float)(sum / weight) : 128f;
            var factors = new float[w * h];
            for (var i = 0; i < factors.Length; i++)
            {
                factors[i] = Math.Clamp(luminance.Data[i] / Math.Max(1f, mean), 0.35f, 1.6f);
            }

            return new ShadingMap(factors, w, h);
        }
    }
}
