namespace Drape.Server.Features.Recommendations.Products;

/// <summary>A price range in one currency; either end may be open.</summary>
public sealed record Budget(decimal? Min, decimal? Max, string Currency = "USD");

/// <summary>One search of one source: a keyword, optionally a garment category and a budget, at most <see cref="Limit"/> hits.</summary>
/// <param name="Category">upper, lower, dress, shoes, outerwear or accessory; null for any.</param>
public sealed record ProductQuery(string Keyword, string? Category, Budget? Budget, int Limit);

/// <summary>A product as a source found it, before ranking.</summary>
/// <param name="Id">Unique within its source (the catalogue's id, eBay's itemId).</param>
/// <param name="ColourHex">The product's dominant colour (#rrggbb) when the source knows it (the catalogue extracts it at import).</param>
/// <param name="Relevance">The source's own relevance for the keyword, 0..1 (1 = best), when it has one.</param>
/// <param name="ImageKey">A stored image (the catalogue's thumbnails): signed into a URL when the answer is sent.</param>
public sealed record ProductHit(
    string Id,
    string Title,
    decimal Price,
    string Currency,
    string? ImageUrl,
    string? Url,
    string Source,
    string? ColourHex,
    string? Category,
    string Keyword,
    double Relevance,
    string? ImageKey = null);

/// <summary>A product source: the built-in catalogue, eBay, … Several run at once and their hits are merged.</summary>
public interface IProductSearch
{
    /// <summary>Short name, as in the response's <c>source</c> and <c>sources</c> (e.g. <c>catalog</c>, <c>ebay</c>).</summary>
    string Name { get; }

    /// <summary>False when the source is not configured (no credentials): it is then skipped, not reported as failed.</summary>
    bool IsEnabled { get; }

    Task<IReadOnlyList<ProductHit>> SearchAsync(ProductQuery query, CancellationToken cancellationToken);
}
