using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Features.Wardrobe;

public enum GarmentCategory
{
    Upper,
    Lower,
    Dress,
}

/// <summary>A garment as every endpoint shows it; image URLs are signed and time-limited.</summary>
public sealed record GarmentView(
    Guid Id,
    string UserId,
    string Category,
    string? Name,
    IReadOnlyList<string> Tags,
    string? Brand,
    string? Notes,
    IReadOnlyList<ColourView> Colours,
    string ImageUrl,
    string CutoutUrl,
    string ThumbnailUrl,
    int Width,
    int Height,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record ColourView(string Hex, string Name, double Share);

/// <summary>One page, newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary><c>PATCH /api/v1/garments/{id}</c>: only the fields sent change; unknown fields are refused.</summary>
public sealed class GarmentPatch
{
    [MaxLength(120)]
    public string? Name { get; init; }

    [MaxLength(20)]
    public List<string>? Tags { get; init; }

    public GarmentCategory? Category { get; init; }
}

/// <summary>Documents the multipart body of <c>POST /api/v1/garments/upload</c>.</summary>
public sealed class GarmentUploadForm
{
    [Docs.FormFile]
    [System.ComponentModel.Description("Product photo of the garment (JPEG, PNG or WebP, ≤ 10 MB)")]
    public required object Image { get; init; }

    [System.ComponentModel.Description("upper, lower, dress or auto (default: auto, decided from the garment's shape)")]
    public string? Category { get; init; }

    [System.ComponentModel.Description("≤ 120 characters")]
    public string? Name { get; init; }

    [System.ComponentModel.Description("Comma-separated or repeated; ≤ 20 tags of ≤ 30 characters")]
    public string? Tags { get; init; }

    public string? Brand { get; init; }

    public string? Notes { get; init; }
}
