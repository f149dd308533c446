using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>The Browse API's search URL and its answer's mapping to <see cref="ProductHit"/>s.</summary>
internal static class EbayRequests
{
    /// <summary>The Browse API's longest <c>q</c>.</summary>
    private const int MaxKeywordLength = 100;

    public static Uri SearchUri(EbayOptions options, ProductQuery query)
    {
        var keyword = query.Keyword.Trim();
        if (keyword.Length > MaxKeywordLength)
        {
            keyword = keyword[..MaxKeywordLength];
        }

        var url = new StringBuilder(options.BaseUrl.TrimEnd('/')).Append("/buy/browse/v1/item_summary/search?q=").Append(Uri.EscapeDataString(keyword));
        if (!string.IsNullOrEmpty(options.CategoryIds))
        {
            url.Append("&category_ids=").Append(Uri.EscapeDataString(options.CategoryIds));
        }

        url.Append("&limit=").Append(Math.Min(query.Limit, EbayProductSearch.MaxLimit).ToString(CultureInfo.InvariantCulture));
        if (PriceFilter(query.Budget) is { } filter)
        {
            url.Append("&filter=").Append(Uri.EscapeDataString(filter));
        }

        return new Uri(url.ToString(), UriKind.Absolute);
    }

    /// <summary><c>price:[10..50],priceCurrency:USD</c>; either end may be open; null without a bound.</summary>
    public static string? PriceFilter(Budget? budget)
    {
        if (budget is null || (budget.Min is null && budget.Max is null))
        {
            return null;
        }

        static string Bound(decimal? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";
        var currency = string.IsNullOrWhiteSpace(budget.Currency) ? "USD" : budget.Currency.Trim().ToUpperInvariant();
        return $"price:[{Bound(budget.Min)}..{Bound(budget.Max)}],priceCurrency:{currency}";
    }

    /// <summary>Maps <c>itemSummaries[]</c>; an item without an id, title or a valid price is skipped.</summary>
    /// <exception cref="JsonException">The body is not JSON or not an object.</exception>
    public static IReadOnlyList<ProductHit> ParseHits(string body, ProductQuery query)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The search answer is not a JSON object.");
        }

        // eBay leaves itemSummaries out when nothing matched.
        if (!root.TryGetProperty("itemSummaries", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var hits = new List<ProductHit>();
        foreach (var item in items.EnumerateArray())
        {
            if (hits.Count >= query.Limit)
            {
                break;
            }

            if (Map(item, query, Relevance(hits.Count)) is { } hit)
            {
                hits.Add(hit);
            }
        }

        return hits;
    }

    /// <summary>eBay's own order is its relevance: 1.0 for the first usable item, 0.1 less for each next, at least 0.1.</summary>
    private static double Relevance(int position) => Math.Max(0.1, Math.Round(1.0 - 0.1 * position, 2));

    private static ProductHit? Map(JsonElement item, ProductQuery query, double relevance)
    {
        if (item.ValueKind != JsonValueKind.Object
            || String(item, "itemId") is not { } id
            || String(item, "title") is not { } title
            || !item.TryGetProperty("price", out var price) || price.ValueKind != JsonValueKind.Object
            || String(price, "value") is not { } value
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || String(price, "currency") is not { } currency)
        {
            return null;
        }

        var image = item.TryGetProperty("image", out var imageElement) && imageElement.ValueKind == JsonValueKind.Object
            ? WebUrl(String(imageElement, "imageUrl")) : null;
        return new ProductHit(id, title.Trim(), amount, currency, image, WebUrl(String(item, "itemWebUrl")), EbayProductSearch.SourceName,
            ColourHex: null, query.Category, query.Keyword, relevance);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString() : null;

    /// <summary>Only absolute http(s) links reach a browser.</summary>
    private static string? WebUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? value : null;
}
