using Drape.Imaging.Garments;

namespace Drape.Server.Features.TryOn;

/// <summary>The wire names of the <c>category</c> field: upper, lower, dress, auto (null).</summary>
public static class TryOnCategories
{
    public const string Auto = "auto";
    public static readonly string[] All = ["upper", "lower", "dress", Auto];

    public static bool IsValid(string value) => All.Contains(value, StringComparer.Ordinal);

    public static GarmentCategory? Parse(string value) => value switch
    {
        "upper" => GarmentCategory.Upper,
        "lower" => GarmentCategory.Lower,
        "dress" => GarmentCategory.Dress,
        _ => null,
    };
}
