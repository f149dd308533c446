namespace Drape.Vision.Skin;

/// <summary>Undertone from the CIELAB hue angle h*; thresholds in <see cref="SkinToneClassifier"/>.</summary>
public static class Undertones
{
    /// <summary>Redder/pinker: h* &lt; 50° (and h* &gt; 180°, b* &lt; 0, which is never skin).</summary>
    public const string Cool = "cool";

    /// <summary>50° ≤ h* ≤ 60°.</summary>
    public const string Neutral = "neutral";

    /// <summary>Yellower/golden: h* &gt; 60°.</summary>
    public const string Warm = "warm";

    public static IReadOnlyList<string> All { get; } = [Cool, Neutral, Warm];
}
