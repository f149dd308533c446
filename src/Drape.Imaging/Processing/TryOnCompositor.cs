using Drape.Imaging.Color;
using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Processing;

/// <param name="FeatherPx">How far inside its edge the garment fades in.</param>
/// <param name="ShadingStrength">0 = flat garment colours; 1 = the photo's light and folds applied fully.</param>
/// <param name="ShadingRadiusShare">Blur radius of the light map as a share of the image diagonal (smaller keeps more folds).</param>
public sealed record TryOnCompositeOptions(float FeatherPx = 2.5f, float ShadingStrength = 0.55f, float ShadingRadiusShare = 0.012f);

/// <summary>The composed photo and the pixels it may have changed (the garment region).</summary>
public sealed record TryOnComposite(SKBitmap Image, Mask Region) : IDisposable
{
    public void Dispose() => Image.Dispose();
}

/// <summary>
/// Puts a warped garment on the person (v2): the garment layer's edge is feathered inward; the person's old garment
/// area (<c>replace</c>) that the new garment does not cover is filled with a neighbouring skin tone under the
/// photo's light, so no hard edge of the old garment stays; a keep-on-top mask (face, hair, neck, hands, bare
/// forearms) restores the person's own pixels; the photo's light and folds (luminance relative to its mean under
/// the garment) shade both. Every pixel outside garment ∪ replace is bit-identical to the input.
/// </summary>
public static class TryOnCompositor
{
    /// <param name="person">Rgba8888, unpremultiplied.</param>
    /// <param name="layer">Rgba8888, premultiplied, the person's size (from <see cref="MeshWarp"/>).</param>
    /// <param name="keepOnTop">The person's own pixels that stay in front (0..255).</param>
    /// <param name="replace">The old garment's area to hide where the new one leaves it bare (0..255), or null.</param>
    /// <param name="fill">The colour revealed skin takes before shading.</param>
    public static TryOnComposite Compose(SKBitmap person, SKBitmap layer, Mask keepOnTop, Mask? replace, SKColor fill, TryOnCompositeOptions options)
    {
        int width = person.Width, height = person.Height;
        if (layer.Width != width || layer.Height != height)
        {
            throw new ArgumentException("The garment layer must have the person photo's size.", nameof(layer));
        }

        var coverage = FeatheredAlpha(layer, options.FeatherPx);
        var region = new Mask(width, height);
        for (var i = 0; i < region.Data.Length; i++)
        {
            var touched = Math.Max(coverage.Data[i], replace?.Data[i] ?? (byte)0);
            region.Data[i] = keepOnTop.Data[i] == 255 ? (byte)0 : touched;
        }

        var shading = LightMap(person, region, options.ShadingRadiusShare);
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var dst = result.GetPixelSpan();
        person.GetPixelSpan().CopyTo(dst);
        var pixels = layer.GetPixelSpan();
        var strength = options.ShadingStrength;
        Span<float> fillRgb = [fill.Red, fill.Green, fill.Blue];
        for (var i = 0; i < region.Data.Length; i++)
        {
            if (region.Data[i] == 0)
            {
                continue; // untouched: the person's pixel as it was
            }

            var open = 1f - (keepOnTop.Data[i] / 255f);
            var p = i * 4;
            var layerAlpha = pixels[p + 3];
            var g = layerAlpha == 0 ? 0f : coverage.Data[i] / 255f * open;
            var f = replace is null ? 0f : replace.Data[i] / 255f * (1f - (coverage.Data[i] / 255f)) * open;
            if (g + f <= 0f)
            {
                continue;
            }

            var light = 1f + (strength * (shading[((i / width) >> 2) * ((width + 3) >> 2) + ((i % width) >> 2)] - 1f));
            for (var c = 0; c < 3; c++)
            {
                var garment = g > 0 ? pixels[p + c] * 255f / layerAlpha : 0f;
                var value = (dst[p + c] * (1f - g - f)) + (garment * light * g) + (fillRgb[c] * light * f);
                dst[p + c] = (byte)Math.Clamp(MathF.Round(value), 0f, 255f);
            }
        }

        return new TryOnComposite(result, region);
    }

    /// <summary>The layer's alpha, softened only inward (min of alpha and its blur), so nothing spills outside.</summary>
    public static Mask FeatheredAlpha(SKBitmap layer, float featherPx)
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
    /// The person's luminance at quarter resolution, blurred, divided by its mean over <paramref name="region"/>:
    /// &gt; 1 where the photo is brighter than average there (light), &lt; 1 where darker (shadow, folds).
    /// </summary>
    private static float[] LightMap(SKBitmap person, Mask region, float radiusShare)
    {
        int w = (person.Width + 3) >> 2, h = (person.Height + 3) >> 2;
        var pixels = person.GetPixelSpan();
        var luminance = new Mask(w, h);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var p = ((Math.Min(person.Height - 1, (y * 4) + 1) * person.Width) + Math.Min(person.Width - 1, (x * 4) + 1)) * 4;
                var linear = ColorSpaces.Luminance(pixels[p], pixels[p + 1], pixels[p + 2]);
                luminance[x, y] = (byte)Math.Clamp(MathF.Round(ColorSpaces.LinearToSrgb(linear) * 255f), 0, 255);
            }
        }

        luminance.Blur(Math.Max(1, (int)(MathF.Sqrt((w * w) + (h * h)) * radiusShare)));
        double sum = 0, weight = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var a = region[Math.Min(x * 4, region.Width - 1), Math.Min(y * 4, region.Height - 1)] / 255.0;
                sum += luminance[x, y] * a;
                weight += a;
            }
        }

        var mean = weight > 0 ? (float)(sum / weight) : 128f;
        var factors = new float[w * h];
        for (var i = 0; i < factors.Length; i++)
        {
            factors[i] = Math.Clamp(luminance.Data[i] / Math.Max(1f, mean), 0.4f, 1.5f);
        }

        return factors;
    }
}
