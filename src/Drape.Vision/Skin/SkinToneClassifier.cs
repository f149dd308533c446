using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

/// <summary>
/// Classifies a CIELAB skin colour: ITA° and its class, an approximate Fitzpatrick type, hue angle, chroma, undertone and
/// one of the twelve <see cref="SkinCategories"/>. Pure arithmetic; total over finite input. See docs/skin-tone.md.
/// </summary>
public static class SkinToneClassifier
{
    /// <summary>h* below this is a cool (pink/red) undertone.</summary>
    public const double CoolBelowHue = 50;

    /// <summary>h* above this is a warm (yellow/golden) undertone; between the two, neutral.</summary>
    public const double WarmAboveHue = 60;

    /// <summary>A neutral undertone at fair..tan depth takes the cool category below this h*, the warm one from it.</summary>
    public const double NeutralSplitHue = 55;

    /// <summary>Olive: medium or tan depth, h* above this (yellow tipping to green: little redness) ...</summary>
    public const double OliveAboveHue = 70;

    /// <summary>... and C* below this (muted, not golden).</summary>
    public const double OliveBelowChroma = 20;

    /// <summary>Classifies a measured sample, carrying its confidence over.</summary>
    public static SkinTone Classify(SkinSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return Classify(sample.Lab, sample.Confidence);
    }

    public static SkinTone Classify(Lab lab, float confidence = 1f)
    {
        if (!float.IsFinite(lab.L) || !float.IsFinite(lab.A) || !float.IsFinite(lab.B))
        {
            throw new ArgumentOutOfRangeException(nameof(lab), lab, "L*, a* and b* must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(confidence, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(confidence, 1f);
        var ita = Ita(lab);
        var itaClass = ItaClassOf(ita);
        var hue = HueAngle(lab);
        var chroma = Chroma(lab);
        return new SkinTone(lab, LabHex.Format(lab), ita, itaClass, hue, chroma, UndertoneOf(hue), CategoryOf(itaClass, hue, chroma),
            FitzpatrickOf(ita), confidence);
    }

    /// <summary>
    /// ITA° = atan((L* − 50) / b*) · 180/π, as atan2(L* − 50, max(b*, 0)): identical for b* &gt; 0, ±90° (by the sign of
    /// L* − 50) for b* ≤ 0 instead of a division by zero or a sign flip, and 0 at L* = 50, b* ≤ 0. Range −90..90.
    /// </summary>
    public static double Ita(Lab lab) => Math.Atan2(lab.L - 50.0, Math.Max(lab.B, 0.0)) * 180.0 / Math.PI;

    public static string ItaClassOf(double itaDegrees) => itaDegrees switch
    {
        > 55 => ItaClasses.VeryLight,
        > 41 => ItaClasses.Light,
        > 28 => ItaClasses.Intermediate,
        > 10 => ItaClasses.Tan,
        > -30 => ItaClasses.Brown,
        _ => ItaClasses.Dark,
    };

    /// <summary>
    /// Fitzpatrick type on the same ITA bands (I very light … VI dark). An approximation: the scale is defined by burning
    /// and tanning, which colour only correlates with.
    /// </summary>
    public static string FitzpatrickOf(double itaDegrees) => ItaClassOf(itaDegrees) switch
    {
        ItaClasses.VeryLight => "I",
        ItaClasses.Light => "II",
        ItaClasses.Intermediate => "III",
        ItaClasses.Tan => "IV",
        ItaClasses.Brown => "V",
        _ => "VI",
    };

    /// <summary>h* = atan2(b*, a*) in degrees, 0 ≤ h* &lt; 360 (0 for a grey).</summary>
    public static double HueAngle(Lab lab)
    {
        var degrees = Math.Atan2(lab.B, lab.A) * 180.0 / Math.PI;
        return degrees < 0 ? degrees + 360.0 : degrees;
    }

    /// <summary>C* = √(a*² + b*²).</summary>
    public static double Chroma(Lab lab) => Math.Sqrt((lab.A * (double)lab.A) + (lab.B * (double)lab.B));

    /// <summary>
    /// Cool below <see cref="CoolBelowHue"/>, warm above <see cref="WarmAboveHue"/>, neutral between (inclusive). Hues
    /// past 180° (b* &lt; 0: magenta to blue, never skin) count as cool, 60–180° as warm, so every colour has an answer.
    /// </summary>
    public static string UndertoneOf(double hueAngle) => hueAngle switch
    {
        < CoolBelowHue => Undertones.Cool,
        <= WarmAboveHue => Undertones.Neutral,
        <= 180 => Undertones.Warm,
        _ => Undertones.Cool,
    };

    /// <summary>The category for an ITA class, hue angle and chroma (the table in docs/skin-tone.md).</summary>
    public static string CategoryOf(string itaClass, double hueAngle, double chroma)
    {
        var depth = itaClass switch
        {
            ItaClasses.VeryLight => "fair",
            ItaClasses.Light => "light",
            ItaClasses.Intermediate => "medium",
            ItaClasses.Tan => "tan",
            ItaClasses.Brown or ItaClasses.Dark => "deep",
            _ => throw new ArgumentException($"Unknown ITA class '{itaClass}'.", nameof(itaClass)),
        };
        var undertone = UndertoneOf(hueAngle);
        if (depth is "medium" or "tan" && undertone == Undertones.Warm && hueAngle > OliveAboveHue && chroma < OliveBelowChroma)
        {
            return SkinCategories.Olive;
        }

        var temperature = undertone switch
        {
            Undertones.Neutral when depth == "deep" => "neutral",
            Undertones.Neutral => hueAngle < NeutralSplitHue ? "cool" : "warm",
            _ => undertone,
        };
        return $"{depth}_{temperature}";
    }
}
