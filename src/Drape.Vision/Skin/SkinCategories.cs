namespace Drape.Vision.Skin;

/// <summary>The twelve skin-tone categories: depth (from ITA°) × temperature (from h*), plus olive. Rule in docs/skin-tone.md.</summary>
public static class SkinCategories
{
    public const string FairCool = "fair_cool";
    public const string FairWarm = "fair_warm";
    public const string LightCool = "light_cool";
    public const string LightWarm = "light_warm";
    public const string MediumCool = "medium_cool";
    public const string MediumWarm = "medium_warm";
    public const string Olive = "olive";
    public const string TanWarm = "tan_warm";
    public const string TanCool = "tan_cool";
    public const string DeepWarm = "deep_warm";
    public const string DeepCool = "deep_cool";
    public const string DeepNeutral = "deep_neutral";

    /// <summary>Lightest first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [FairCool, FairWarm, LightCool, LightWarm, MediumCool, MediumWarm, Olive, TanWarm, TanCool, DeepWarm, DeepCool, DeepNeutral];
}
