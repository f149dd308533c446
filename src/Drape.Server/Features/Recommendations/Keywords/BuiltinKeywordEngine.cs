using Drape.Vision.Skin;

namespace Drape.Server.Features.Recommendations.Keywords;

/// <summary>
/// Keywords without an LLM: garments × the palette's best colours, scored (docs/recommendations.md):
/// <c>score = 3·missing + 2·(1 − colourRank/bestCount) + 1.5·style + 1.5·occasion</c>, where <c>missing</c> is 1 when the
/// garment's category is not in the wardrobe (only when a wardrobe was given), <c>style</c> and <c>occasion</c> are 1 when
/// the garment is in that vocabulary. Ties go alphabetically; at most two keywords per colour and three per category.
/// </summary>
public sealed class BuiltinKeywordEngine : IKeywordSource
{
    public const int Count = 10;

    /// <summary>Garments by category; gendered ones are skipped for the other gender.</summary>
    internal static readonly (string Category, string Garment, string? Gender)[] Garments =
    [
        ("upper", "blouse", "women"), ("upper", "t-shirt", null), ("upper", "knit sweater", null), ("upper", "button-down shirt", null),
        ("upper", "polo shirt", null), ("lower", "trousers", null), ("lower", "jeans", null), ("lower", "midi skirt", "women"),
        ("lower", "chinos", null), ("dress", "wrap dress", "women"), ("dress", "midi dress", "women"), ("dress", "maxi dress", "women"),
        ("outerwear", "blazer", null), ("outerwear", "cardigan", null), ("outerwear", "trench coat", null), ("outerwear", "bomber jacket", null),
    ];

    internal static readonly Dictionary<string, string[]> StyleVocabulary = new(StringComparer.Ordinal)
    {
        ["casual"] = ["t-shirt", "jeans", "knit sweater", "cardigan", "chinos"],
        ["classic"] = ["button-down shirt", "blazer", "trousers", "trench coat", "midi skirt"],
        ["business"] = ["blazer", "trousers", "button-down shirt", "blouse", "midi skirt"],
        ["minimalist"] = ["t-shirt", "trousers", "knit sweater", "midi dress", "trench coat"],
        ["bohemian"] = ["maxi dress", "wrap dress", "midi skirt", "blouse", "cardigan"],
        ["sporty"] = ["polo shirt", "t-shirt", "bomber jacket", "chinos", "jeans"],
        ["streetwear"] = ["bomber jacket", "t-shirt", "jeans", "knit sweater", "chinos"],
        ["romantic"] = ["wrap dress", "blouse", "midi skirt", "cardigan", "maxi dress"],
    };

    internal static readonly Dictionary<string, string[]> OccasionVocabulary = new(StringComparer.Ordinal)
    {
        ["work"] = ["blazer", "trousers", "button-down shirt", "blouse", "midi skirt"],
        ["everyday"] = ["t-shirt", "jeans", "knit sweater", "cardigan", "chinos"],
        ["party"] = ["midi dress", "wrap dress", "blouse", "blazer", "maxi dress"],
        ["wedding"] = ["midi dress", "maxi dress", "blazer", "trousers", "blouse"],
        ["date"] = ["wrap dress", "blouse", "button-down shirt", "jeans", "midi skirt"],
        ["travel"] = ["knit sweater", "chinos", "t-shirt", "trench coat", "jeans"],
        ["sport"] = ["polo shirt", "t-shirt", "bomber jacket", "chinos", "jeans"],
    };

    public string Name => "builtin";

    public bool IsEnabled => true;

    public Task<IReadOnlyList<string>> SuggestAsync(KeywordRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Suggest(request).Select(s => s.Keyword).ToList());

    /// <summary>The chosen keywords with their scores, best first.</summary>
    public static IReadOnlyList<(string Keyword, double Score)> Suggest(KeywordRequest request)
    {
        var colours = request.Palette.Best.Take(6).Select(c => c.Name).ToList();
        var owned = request.WardrobeCategories.ToHashSet(StringComparer.Ordinal);
        var gender = request.Profile?.Gender?.ToLowerInvariant();
        var style = StyleVocabulary.GetValueOrDefault(request.Profile?.Style?.ToLowerInvariant() ?? "", []);
        var occasion = OccasionVocabulary.GetValueOrDefault(request.Profile?.Occasion?.ToLowerInvariant() ?? "", []);
        var candidates =
            from garment in Garments
            where garment.Gender is null || gender is null or "unisex" || garment.Gender == gender
            from colour in colours.Select((name, rank) => (Name: name, Rank: rank))
            let score = (owned.Count > 0 && !owned.Contains(garment.Category) ? 3 : 0)
                        + (2.0 * (1 - (colour.Rank / (double)colours.Count)))
                        + (style.Contains(garment.Garment) ? 1.5 : 0)
                        + (occasion.Contains(garment.Garment) ? 1.5 : 0)
            orderby score descending, colour.Rank, garment.Garment
            select (Keyword: $"{colour.Name} {garment.Garment}", Score: Math.Round(score, 3), Colour: colour.Name, garment.Category);

        var chosen = new List<(string Keyword, double Score)>();
        var perColour = new Dictionary<string, int>(StringComparer.Ordinal);
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (perColour.GetValueOrDefault(candidate.Colour) >= 2 || perCategory.GetValueOrDefault(candidate.Category) >= 3)
            {
                continue;
            }

            chosen.Add((candidate.Keyword, candidate.Score));
            perColour[candidate.Colour] = perColour.GetValueOrDefault(candidate.Colour) + 1;
            perCategory[candidate.Category] = perCategory.GetValueOrDefault(candidate.Category) + 1;
            if (chosen.Count == Count)
            {
                break;
            }
        }

        return chosen;
    }
}
