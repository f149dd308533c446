using Drape.Server.Features.Analysis;
using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Features.Recommendations;

public enum BodyType
{
    Slim,
    Athletic,
    Average,
    Curvy,
    PlusSize,
}

/// <summary>The optional <c>profile</c> of a recommendation request (a JSON object; unknown fields are refused).</summary>
public sealed class ProfileInput
{
    [RegularExpression("^(women|men|unisex)$", ErrorMessage = "must be women, men or unisex")]
    public string? Gender { get; init; }

    [RegularExpression("^(casual|classic|business|minimalist|bohemian|sporty|streetwear|romantic)$",
        ErrorMessage = "must be casual, classic, business, minimalist, bohemian, sporty, streetwear or romantic")]
    public string? Style { get; init; }

    public BodyType? BodyType { get; init; }

    public BudgetInput? Budget { get; init; }

    [RegularExpression("^(work|everyday|party|wedding|date|travel|sport)$", ErrorMessage = "must be work, everyday, party, wedding, date, travel or sport")]
    public string? Occasion { get; init; }
}

public sealed class BudgetInput
{
    [Range(0, 1_000_000)]
    public decimal? Min { get; init; }

    [Range(0, 1_000_000)]
    public decimal? Max { get; init; }

    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "must be a 3-letter currency code such as USD")]
    public string Currency { get; init; } = "USD";
}

/// <summary>The answer of <c>POST /api/v1/recommend</c>.</summary>
/// <param name="Degraded">True when a source failed and the answer came from the rest.</param>
/// <param name="Sources">What answered each step: keywords (llm / builtin) and each product source (ok, failed, disabled).</param>
public sealed record RecommendResponse(
    PaletteSummary Palette,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<ProductView> Products,
    string? CollageUrl,
    bool Degraded,
    IReadOnlyDictionary<string, string> Sources,
    long DurationMs);

public sealed record PaletteSummary(
    string Category,
    string Undertone,
    IReadOnlyList<SwatchView> Best,
    IReadOnlyList<SwatchView> Avoid,
    IReadOnlyList<SwatchView> Metals,
    IReadOnlyList<SwatchView> Neutrals);

public sealed record PriceView(decimal Value, string Currency);

/// <param name="ColourMatch">0..1 closeness of the product's colour to the nearest best colour (avoid colours lower it).</param>
/// <param name="ScoreParts">keyword, colour, budget, diversity: what the score was built from.</param>
public sealed record ProductView(
    string Id,
    string Title,
    PriceView Price,
    string? ImageUrl,
    string? Url,
    string Source,
    string MatchedKeyword,
    string? Colour,
    double ColourMatch,
    double Score,
    IReadOnlyDictionary<string, double> ScoreParts)
{
    /// <summary>A stored image to sign into <see cref="ImageUrl"/> per answer (kept in the cache, never sent).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ImageKey { get; init; }
}

/// <summary>Documents the multipart body of <c>POST /api/v1/recommend</c>.</summary>
public sealed class RecommendForm
{
    [Docs.FormFile]
    [System.ComponentModel.Description("Photo of the shopper's face (JPEG, PNG or WebP): the palette comes from its skin tone")]
    public object? UserPhoto { get; init; }

    [System.ComponentModel.Description("Instead of user_photo: a saved avatar's id (POST /api/v1/avatars)")]
    public string? AvatarId { get; init; }

    [Docs.FormFile(multiple: true)]
    [System.ComponentModel.Description("Optional: up to 10 garment photos from the shopper's wardrobe")]
    public object? WardrobeImages { get; init; }

    [System.ComponentModel.Description("Optional: saved garments' ids, comma-separated or repeated (with wardrobe_images, 10 in all)")]
    public string? GarmentIds { get; init; }

    [System.ComponentModel.Description("Optional JSON: {gender, style, body_type, budget: {min, max, currency}, occasion}")]
    public string? Profile { get; init; }

    [System.ComponentModel.Description("1–50, default 20")]
    public int? MaxResults { get; init; }
}
