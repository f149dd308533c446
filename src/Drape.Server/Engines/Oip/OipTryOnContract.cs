using Drape.Imaging.Garments;

namespace Drape.Server.Engines.Oip;

/// <summary>The tensor names of the try-on contract (docs/engines/oip.md), shared by the client and Drape's demo model.</summary>
public static class OipTryOnContract
{
    /// <summary>UINT8 [1, H, W, 3] RGB.</summary>
    public const string PersonImage = "person_image";

    /// <summary>UINT8 [1, Hg, Wg, 3] RGB.</summary>
    public const string GarmentImage = "garment_image";

    /// <summary>UINT8 [1, H, W]: person coverage 0..255 at the person image's size.</summary>
    public const string PersonMask = "person_mask";

    /// <summary>FP32 [1, 17, 3]: COCO keypoints (x, y in person-image pixels, score 0..1).</summary>
    public const string PoseKeypoints = "pose_keypoints";

    /// <summary>BYTES [1]: upper, lower or dress.</summary>
    public const string Category = "category";

    /// <summary>INT64 [1].</summary>
    public const string Seed = "seed";

    /// <summary>BYTES [1], optional: the garment's text description (some diffusion try-ons take a prompt).</summary>
    public const string Description = "description";

    /// <summary>UINT8 [1, H', W', 3] RGB: the person wearing the garment.</summary>
    public const string ResultImage = "result_image";

    public static string CategoryName(GarmentCategory category) => category switch
    {
        GarmentCategory.Lower => "lower",
        GarmentCategory.Dress => "dress",
        _ => "upper",
    };

    public static GarmentCategory? ParseCategory(string? name) => name switch
    {
        "upper" => GarmentCategory.Upper,
        "lower" => GarmentCategory.Lower,
        "dress" => GarmentCategory.Dress,
        "auto" or null => null,
        _ => throw new OipException(400, $"'{Category}' must be upper, lower, dress or auto, not '{name}'"),
    };
}
