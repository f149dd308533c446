using Drape.Server.Features.Recommendations.Products;
using Drape.Vision.Skin;

namespace Drape.Server.Features.Recommendations.Keywords;

/// <summary>What the shopper told us about themselves; every part optional.</summary>
/// <param name="Gender">e.g. women, men, unisex.</param>
/// <param name="Style">e.g. casual, classic, sporty, minimalist, bohemian, streetwear, business.</param>
/// <param name="Occasion">e.g. work, everyday, party, wedding, date, travel, sport.</param>
public sealed record RecommendProfile(string? Gender, string? Style, string? BodyType, Budget? Budget, string? Occasion);

/// <summary>Everything a keyword source may use.</summary>
/// <param name="WardrobeCategories">Categories of the garments the shopper already has (upper, lower, dress, …).</param>
/// <param name="CollagePng">The outfit collage (user photo, wardrobe, labels) as PNG, for a vision model.</param>
public sealed record KeywordRequest(Palette Palette, RecommendProfile? Profile, IReadOnlyList<string> WardrobeCategories, byte[]? CollagePng);

/// <summary>8–10 shopping keywords (e.g. "emerald wrap dress"), best first.</summary>
public interface IKeywordSource
{
    /// <summary>Short name for the response's <c>sources</c> (e.g. <c>llm</c>, <c>builtin</c>).</summary>
    string Name { get; }

    bool IsEnabled { get; }

    Task<IReadOnlyList<string>> SuggestAsync(KeywordRequest request, CancellationToken cancellationToken);
}
