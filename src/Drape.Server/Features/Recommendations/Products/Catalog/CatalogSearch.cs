using System.Text.RegularExpressions;
using Drape.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.Recommendations.Products.Catalog;

/// <summary>
/// The shop's own catalogue: full-text search (SQLite FTS5 with porter stemming and bm25, or PostgreSQL's weighted
/// tsvector with ts_rank) filtered by category and budget. A product's
/// relevance is the share of the keyword's words found in its title (full weight) or description/colour (half).
/// </summary>
public sealed partial class CatalogSearch(IServiceScopeFactory scopes) : IProductSearch
{
    public const string SourceName = "catalog";

    public string Name => SourceName;

    public bool IsEnabled => true;

    public async Task<IReadOnlyList<ProductHit>> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var words = Words(query.Keyword);
        if (words.Count == 0)
        {
            return [];
        }

        // Every word first (a narrow, fast match); only when that finds too few, any word (the ranking orders the rest).
        var rows = await QueryAsync(words, all: true, query, cancellationToken);
        if (rows.Count < query.Limit && words.Count > 1)
        {
            var any = await QueryAsync(words, all: false, query, cancellationToken);
            rows.AddRange(any.Where(a => rows.All(r => r.Id != a.Id)).Take(query.Limit - rows.Count));
        }

        return rows.Select(r => new ProductHit(
            r.Id.ToString("N"),
            r.Title,
            (decimal)r.Price,
            r.Currency,
            r.ImageUrl,
            r.ProductUrl,
            SourceName,
            r.ColourHex,
            r.Category,
            query.Keyword,
            Relevance(words, r),
            r.ImageKey)).ToList();
    }

    private async Task<List<CatalogRow>> QueryAsync(List<string> words, bool all, ProductQuery query, CancellationToken cancellationToken)
    {
        var category = query.Category;
        var min = (double?)query.Budget?.Min;
        var max = (double?)query.Budget?.Max;
        var currency = query.Budget?.Currency;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        if (db is PostgresDrapeDbContext)
        {
            // PostgreSQL: the generated tsvector column and its GIN index; ts_rank negated so that lower is better, as bm25.
            var tsquery = string.Join(all ? " & " : " | ", words);
            return await db.Database.SqlQuery<CatalogRow>($"""
                SELECT p.id AS "Id", p.title AS "Title", p.description AS "Description", p.price AS "Price", p.currency AS "Currency",
                       p.category AS "Category", p.colour AS "Colour", p.colour_hex AS "ColourHex", p.image_url AS "ImageUrl",
                       p.image_key AS "ImageKey", p.product_url AS "ProductUrl", -ts_rank(p.search, q.query)::float8 AS "Rank"
                FROM catalog_products p, to_tsquery('english', {tsquery}) AS q(query)
                WHERE p.search @@ q.query
                  AND ({category}::text IS NULL OR p.category = {category})
                  AND ({min}::float8 IS NULL OR p.price >= {min})
                  AND ({max}::float8 IS NULL OR p.price <= {max})
                  AND ({currency}::text IS NULL OR p.currency = {currency})
                ORDER BY "Rank", p.id
                LIMIT {query.Limit}
                """).ToListAsync(cancellationToken);
        }

        var match = string.Join(all ? " " : " OR ", words.Select(w => $"\"{w}\""));
        return await db.Database.SqlQuery<CatalogRow>($"""
            SELECT p.id AS Id, p.title AS Title, p.description AS Description, p.price AS Price, p.currency AS Currency,
                   p.category AS Category, p.colour AS Colour, p.colour_hex AS ColourHex, p.image_url AS ImageUrl,
                   p.image_key AS ImageKey, p.product_url AS ProductUrl, bm25(catalog_fts, 10.0, 2.0, 4.0, 4.0) AS Rank
            FROM catalog_fts JOIN catalog_products p ON p.rowid = catalog_fts.rowid
            WHERE catalog_fts MATCH {match}
              AND ({category} IS NULL OR p.category = {category})
              AND ({min} IS NULL OR p.price >= {min})
              AND ({max} IS NULL OR p.price <= {max})
              AND ({currency} IS NULL OR p.currency = {currency})
            ORDER BY Rank, p.id
            LIMIT {query.Limit}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Lower-case words of 2+ letters; FTS5 query syntax cannot get through (only letters and digits remain).</summary>
    internal static List<string> Words(string keyword) =>
        WordPattern().Matches(keyword.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 2).Distinct().Take(8).ToList();

    private static double Relevance(List<string> words, CatalogRow row)
    {
        var title = $" {row.Title.ToLowerInvariant()} ";
        var rest = $" {row.Description?.ToLowerInvariant()} {row.Colour?.ToLowerInvariant()} {row.Category} ";
        var score = words.Sum(w => title.Contains(w, StringComparison.Ordinal) ? 1.0 : rest.Contains(w, StringComparison.Ordinal) ? 0.5 : 0);
        return Math.Round(score / words.Count, 3);
    }

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex WordPattern();

    private sealed record CatalogRow(Guid Id, string Title, string? Description, double Price, string Currency, string Category,
        string? Colour, string? ColourHex, string? ImageUrl, string? ImageKey, string? ProductUrl, double Rank);
}
