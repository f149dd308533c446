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
    /// <summary>Added to the luminance (0..255) on both sides of the light ratio: dark garments' noise is no fold.</summary>
    private const float LightFloor = 40f;

    /// <param name="person">Rgba8888, unpremultiplied.</param>
    /// <param name="layer">Rgba8888, premultiplied, the person's size (from <see cref="MeshWarp"/>).</param>
    /// <param name="keepOnTop">The person's own pixels that stay in front (0..255).</param>
    /// <param name="replace">The old garment's area to hide where the new one leaves it bare (0..255), or null.</param>
    /// <param name="fill">The colour revealed skin takes before shading.</param>
    /// <param name="personMask">The person (0..255): only the old garment inside it sets the light; null = the whole region.</param>
    /// <param name="fillShade">The fill's own shading (255 = the fill colour; 0 = black), such as a rounded limb's; null = flat.</param>
    public static TryOnComposite Compose(SKBitmap person, SKBitmap layer, Mask keepOnTop, Mask? replace, SKColor fill, TryOnCompositeOptions options, Mask? personMask = null, Mask? fillShade = null)
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

        var shading = LightMap(person, region, personMask, options.ShadingRadiusShare);
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        person.GetPixelSpan().CopyTo(result.GetPixelSpan());
        var blend = new Blend(result, layer, coverage, region, keepOnTop, replace, fillShade, shading, fill, options.ShadingStrength);
        RowBands.Run(height, blend.Rows);
        return new TryOnComposite(result, region);
    }

    /// <summary>The per-pixel mix of person, garment and fill, over a band of rows.</summary>
    private sealed record Blend(SKBitmap Result, SKBitmap Layer, Mask Coverage, Mask Region, Mask KeepOnTop, Mask? Replace, Mask? FillShade, float[] Shading, SKColor Fill, float Strength)
    {
        public void Rows(int from, int to)
        {
            var width = Result.Width;
            var dst = Result.GetPixelSpan();
            var pixels = Layer.GetPixelSpan();
            var lightWidth = (width + 3) >> 2;
            for (var y = from; y < to; y++)
            {
                var lightRow = Shading.AsSpan((y >> 2) * lightWidth, lightWidth);
                for (var x = 0; x < width; x++)
                {
                    var i = (y * width) + x;
                    if (Region.Data[i] == 0)
                    {
                        continue; // untouched: the person's pixel as it was
                    }

                    var open = 1f - (KeepOnTop.Data[i] / 255f);
                    var p = i * 4;
                    var layerAlpha = pixels[p + 3];
                    var cover = Coverage.Data[i] / 255f;
                    var g = layerAlpha == 0 ? 0f : cover * open;
                    var f = Replace is null ? 0f : Replace.Data[i] / 255f * (1f - cover) * open;
                    if (g + f <= 0f)
                    {
                        continue;
                    }

                    var light = 1f + (Strength * (lightRow[x >> 2] - 1f));
                    var unpremultiply = layerAlpha == 0 ? 0f : 255f / layerAlpha * light * g;
                    var (fillLight, rest) = (light * f * (FillShade is null ? 1f : FillShade.Data[i] / 255f), 1f - g - f);
                    dst[p] = ToByte((dst[p] * rest) + (pixels[p] * unpremultiply) + (Fill.Red * fillLight));
                    dst[p + 1] = ToByte((dst[p + 1] * rest) + (pixels[p + 1] * unpremultiply) + (Fill.Green * fillLight));
                    dst[p + 2] = ToByte((dst[p + 2] * rest) + (pixels[p + 2] * unpremultiply) + (Fill.Blue * fillLight));
                }
            }
        }
    }

    private static byte ToByte(float value) => value <= 0f ? (byte)0 : value >= 255f ? (byte)255 : (byte)(value + 0.5f);

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
    /// The photo's light and folds on the old garment, at quarter resolution: the person's luminance under the region
    /// and inside the person (the old garment; the background beside it does not count), blurred over
    /// <paramref name="radiusShare"/> of the diagonal, divided by its own mean over a neighbourhood six times wider.
    /// So the factor is &gt; 1 where the old garment is lit, &lt; 1 in its shadows and folds, and ≈ 1 on average
    /// whatever the old garment's colour: a black jacket does not darken a red shirt. Both sides are offset by
    /// <see cref="LightFloor"/> so the noise of a dark garment is not taken for folds. Where there is no old garment
    /// near (a sleeve over the background) the factor is 1.
    /// </summary>
    private static float[] LightMap(SKBitmap person, Mask region, Mask? personMask, float radiusShare)
    {
        int w = (person.Width + 3) >> 2, h = (person.Height + 3) >> 2;
        var pixels = person.GetPixelSpan();
        var luminance = new float[w * h];
        var weight = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                int px = Math.Min(person.Width - 1, (x * 4) + 1), py = Math.Min(person.Height - 1, (y * 4) + 1);
                var p = ((py * person.Width) + px) * 4;
                var inside = region[px, py] > 0 && (personMask is null || personMask[px, py] >= 128);
                var a = inside ? 1f : 0f;
                luminance[(y * w) + x] = ColorSpaces.LinearToSrgb(ColorSpaces.Luminance(pixels[p], pixels[p + 1], pixels[p + 2])) * 255f * a;
                weight[(y * w) + x] = a;
            }
        }

        var small = Math.Max(1, (int)(MathF.Sqrt((w * w) + (h * h)) * radiusShare));
        var fine = BoxBlur((float[])luminance.Clone(), w, h, small);
        var fineWeight = BoxBlur((float[])weight.Clone(), w, h, small);
        var coarse = BoxBlur(luminance, w, h, 6 * small);
        var coarseWeight = BoxBlur(weight, w, h, 6 * small);
        var factors = new float[w * h];
        for (var i = 0; i < factors.Length; i++)
        {
            if (fineWeight[i] < 0.02f || coarseWeight[i] < 0.02f)
            {
                factors[i] = 1f;
                continue;
            }

            var local = (fine[i] / fineWeight[i]) + LightFloor;
            var mean = (coarse[i] / coarseWeight[i]) + LightFloor;
            var factor = Math.Clamp(local / mean, 0.6f, 1.4f);
            var confidence = Math.Min(1f, fineWeight[i] * 2f);
            factors[i] = 1f + ((factor - 1f) * confidence);
        }

        return factors;
    }

    /// <summary>Three box passes each way (≈ a Gaussian of σ ≈ radius), in place, clamped at the borders; both directions walk rows.</summary>
    private static float[] BoxBlur(float[] data, int width, int height, int radius)
    {
        var buffer = new float[data.Length];
        var sums = new float[width];
        var window = (2 * radius) + 1;
        for (var pass = 0; pass < 3; pass++)
        {
            for (var y = 0; y < height; y++)
            {
                var row = data.AsSpan(y * width, width);
                var output = buffer.AsSpan(y * width, width);
                var sum = 0f;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += row[Math.Clamp(k, 0, width - 1)];
                }

                for (var x = 0; x < width; x++)
                {
                    output[x] = sum / window;
                    sum += row[Math.Min(x + radius + 1, width - 1)] - row[Math.Max(x - radius, 0)];
                }
            }

            Array.Clear(sums);
            for (var k = -radius; k <= radius; k++)
            {
                Add(sums, buffer.AsSpan(Math.Clamp(k, 0, height - 1) * width, width), 1f);
            }

            for (var y = 0; y < height; y++)
            {
                var output = data.AsSpan(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    output[x] = sums[x] / window;
                }

                Add(sums, buffer.AsSpan(Math.Min(y + radius + 1, height - 1) * width, width), 1f);
                Add(sums, buffer.AsSpan(Math.Max(y - radius, 0) * width, width), -1f);
            }
        }

        return data;
    }

    private static void Add(float[] sums, ReadOnlySpan<float> row, float sign)
    {
        for (var x = 0; x < sums.Length; x++)
        {
            sums[x] += sign * row[x];
        }
    }
}
