namespace Drape.Vision.Skin;

/// <summary>
/// Skin-colour classes by Individual Typology Angle (Chardon, Cretois &amp; Hourseau 1991; "dark" added by Del Bino et al.
/// 2006). Each band includes its upper bound: ITA° = 55 is <see cref="Light"/>, 41 is <see cref="Intermediate"/>.
/// </summary>
public static class ItaClasses
{
    /// <summary>ITA° &gt; 55.</summary>
    public const string VeryLight = "very_light";

    /// <summary>41 &lt; ITA° ≤ 55.</summary>
    public const string Light = "light";

    /// <summary>28 &lt; ITA° ≤ 41.</summary>
    public const string Intermediate = "intermediate";

    /// <summary>10 &lt; ITA° ≤ 28.</summary>
    public const string Tan = "tan";

    /// <summary>−30 &lt; ITA° ≤ 10.</summary>
    public const string Brown = "brown";

    /// <summary>ITA° ≤ −30.</summary>
    public const string Dark = "dark";

    /// <summary>Lightest first.</summary>
    public static IReadOnlyList<string> All { get; } = [VeryLight, Light, Intermediate, Tan, Brown, Dark];
}
