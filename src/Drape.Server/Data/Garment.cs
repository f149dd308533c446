namespace Drape.Server.Data;

/// <summary>A garment in a user's wardrobe (<c>garments</c>): the uploaded photo, its cut-out and thumbnail, and what was measured.</summary>
public sealed class Garment
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>upper, lower or dress (decided from the shape when uploaded as <c>auto</c>).</summary>
    public required string Category { get; set; }

    public string? Name { get; set; }

    /// <summary>Lower-case tags, stored as a JSON array.</summary>
    public List<string> Tags { get; set; } = [];

    public string? Brand { get; set; }

    public string? Notes { get; set; }

    /// <summary>Dominant colours, largest first, stored as JSON.</summary>
    public List<GarmentColour> Colours { get; set; } = [];

    /// <summary>The first colour's name, kept in its own column for the wardrobe's colour filter.</summary>
    public string? PrimaryColour { get; set; }

    public required string OriginalKey { get; set; }

    public required string CutoutKey { get; set; }

    public required string ThumbnailKey { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <param name="Share">Share of the garment's pixels, 0..1.</param>
public sealed record GarmentColour(string Hex, string Name, double Share);
