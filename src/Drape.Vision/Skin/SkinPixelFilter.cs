using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

/// <summary>
/// Which CIELAB pixels can be skin. Deliberately wide (every skin tone in every reasonable light must pass); the sample
/// regions avoid eyes, brows and lips, and the L* trim and median in <see cref="SkinSampler"/> deal with what slips through.
/// </summary>
public static class SkinPixelFilter
{
    /// <summary>Darker is shadow, pupils, brows, dark hair or beard.</summary>
    public const float MinLightness = 20f;

    /// <summary>Lighter is a specular highlight or clipped exposure.</summary>
    public const float MaxLightness = 95f;

    /// <summary>Below this the pixel is grey (sclera, grey hair, a wall, a desaturated shadow) and its hue means nothing.</summary>
    public const float MinChroma = 5f;

    /// <summary>Above this the pixel is lipstick, make-up or a saturated background; measured skin stays under ~40.</summary>
    public const float MaxChroma = 45f;

    /// <summary>Skin's hue angle clusters at 40–70°; below 20° is magenta-red (lips, flushed make-up).</summary>
    public const float MinHue = 20f;

    /// <summary>Above 90° the pixel is greenish-yellow to blue: background, clothing or a strong colour cast.</summary>
    public const float MaxHue = 90f;

    public static bool IsSkinLike(Lab lab)
    {
        if (lab.L < MinLightness || lab.L > MaxLightness)
        {
            return false;
        }

        var chroma = MathF.Sqrt((lab.A * lab.A) + (lab.B * lab.B));
        if (chroma < MinChroma || chroma > MaxChroma)
        {
            return false;
        }

        var hue = MathF.Atan2(lab.B, lab.A) * 180f / MathF.PI;
        return hue >= MinHue && hue <= MaxHue;
    }

    /// <summary>Quantisation of <see cref="IsSkinLikeRgb"/>'s table: 6 bits per channel.</summary>
    private const int RgbShift = 2;

    private static readonly Lazy<bool[]> RgbTable = new(() =>
    {
        const int levels = 256 >> RgbShift;
        var table = new bool[levels * levels * levels];
        for (var i = 0; i < table.Length; i++)
        {
            static byte Centre(int level) => (byte)((level << RgbShift) + (1 << (RgbShift - 1)));
            table[i] = IsSkinLike(ColorSpaces.ToLab(Centre(i >> 12), Centre((i >> 6) & 63), Centre(i & 63)));
        }

        return table;
    });

    /// <summary>
    /// <see cref="IsSkinLike"/> for an sRGB pixel through a 64³ table (each cell decided at its centre, so a colour
    /// within 2 levels of the boundary may fall either way): ~50× faster, for per-pixel masks over large areas.
    /// </summary>
    public static bool IsSkinLikeRgb(byte r, byte g, byte b) =>
        RgbTable.Value[((r >> RgbShift) << 12) | ((g >> RgbShift) << 6) | (b >> RgbShift)];
}
