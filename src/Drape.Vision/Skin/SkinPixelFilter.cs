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
}
