namespace Drape.Server.Data;

/// <summary>
/// One product of the shop's own catalogue (<c>catalog_products</c>), imported with <c>drape catalog import</c> and
/// searched through the <c>catalog_fts</c> full-text index (SQLite FTS5, kept in step by triggers).
/// </summary>
public sealed class CatalogProduct
{
    public Guid Id { get; set; }

    /// <summary>The shop's own product id; importing the same sku again updates the row.</summary>
    public required string Sku { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public double Price { get; set; }

    public required string Currency { get; set; }

    /// <summary>upper, lower, dress, shoes, outerwear or accessory.</summary>
    public required string Category { get; set; }

    /// <summary>The colour the shop named, if any.</summary>
    public string? Colour { get; set; }

    /// <summary>Dominant colour (#rrggbb) measured from the product image at import, else from the colour name.</summary>
    public string? ColourHex { get; set; }

    /// <summary>An external image URL given in the import file.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>The blob of an image file given in the import file (a WebP thumbnail), served by signed URL.</summary>
    public string? ImageKey { get; set; }

    public string? ProductUrl { get; set; }

    public DateTime ImportedAt { get; set; }
}
