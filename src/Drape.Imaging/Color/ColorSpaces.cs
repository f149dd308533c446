namespace Drape.Imaging.Color;

/// <summary>CIELAB under D65 (L 0..100).</summary>
public readonly record struct Lab(float L, float A, float B);

/// <summary>sRGB ↔ linear ↔ XYZ ↔ CIELAB (D65, 2° observer), per pixel.</summary>
public static class ColorSpaces
{
    private const float Xn = 0.95047f;
    private const float Yn = 1.00000f;
    private const float Zn = 1.08883f;

    private static readonly float[] SrgbToLinearTable = Enumerable.Range(0, 256).Select(v => SrgbToLinear(v / 255f)).ToArray();

    public static float SrgbToLinear(float c) => c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);

    public static float LinearToSrgb(float c) => c <= 0.0031308f ? c * 12.92f : (1.055f * MathF.Pow(c, 1f / 2.4f)) - 0.055f;

    public static Lab ToLab(byte r, byte g, byte b)
    {
        float rl = SrgbToLinearTable[r], gl = SrgbToLinearTable[g], bl = SrgbToLinearTable[b];
        var x = ((0.4124564f * rl) + (0.3575761f * gl) + (0.1804375f * bl)) / Xn;
        var y = ((0.2126729f * rl) + (0.7151522f * gl) + (0.0721750f * bl)) / Yn;
        var z = ((0.0193339f * rl) + (0.1191920f * gl) + (0.9503041f * bl)) / Zn;
        float fx = F(x), fy = F(y), fz = F(z);
        return new Lab((116f * fy) - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    public static (byte R, byte G, byte B) ToSrgb(Lab lab)
    {
        var fy = (lab.L + 16f) / 116f;
        var fx = fy + (lab.A / 500f);
        var fz = fy - (lab.B / 200f);
        float x = FInverse(fx) * Xn, y = FInverse(fy) * Yn, z = FInverse(fz) * Zn;
        var r = (3.2404542f * x) - (1.5371385f * y) - (0.4985314f * z);
        var g = (-0.9692660f * x) + (1.8760108f * y) + (0.0415560f * z);
        var b = (0.0556434f * x) - (0.2040259f * y) + (1.0572252f * z);
        return (ToByte(r), ToByte(g), ToByte(b));
    }

    /// <summary>CIE76 colour difference.</summary>
    public static float DeltaE76(Lab a, Lab b)
    {
        float dl = a.L - b.L, da = a.A - b.A, db = a.B - b.B;
        return MathF.Sqrt((dl * dl) + (da * da) + (db * db));
    }

    /// <summary>
    /// CIE76 with lightness counted half: how far two colours are as one material under different light (shading,
    /// folds and gloss change lightness more than hue).
    /// </summary>
    public static float ShadedDistance(Lab a, Lab b)
    {
        float dl = 0.5f * (a.L - b.L), da = a.A - b.A, db = a.B - b.B;
        return MathF.Sqrt((dl * dl) + (da * da) + (db * db));
    }

    /// <summary>Relative luminance (0..1) of an sRGB pixel.</summary>
    public static float Luminance(byte r, byte g, byte b) =>
        (0.2126729f * SrgbToLinearTable[r]) + (0.7151522f * SrgbToLinearTable[g]) + (0.0721750f * SrgbToLinearTable[b]);

    private static float F(float t) => t > 0.008856452f ? MathF.Cbrt(t) : (t / 0.12841855f) + 0.137931034f;

    private static float FInverse(float t) => t > 0.206896552f ? t * t * t : 0.12841855f * (t - 0.137931034f);

    private static byte ToByte(float linear) => (byte)Math.Clamp(MathF.Round(LinearToSrgb(Math.Clamp(linear, 0f, 1f)) * 255f), 0, 255);
}
