using Drape.Imaging.Color;
using Drape.Server.Features.Recommendations.Products;
using Drape.Vision.Skin;

namespace Drape.Server.Features.Recommendations.Ranking;

/// <summary>The parts a product's score was built from (each 0..1, diversity ≤ 0), and the total.</summary>
public sealed record ScoreParts(double Keyword, double Colour, double Budget, double Diversity, double Total);

public sealed record RankedProduct(ProductHit Product, string? ColourName, ScoreParts Score);

/// <summary>
/// Merges every source's hits into one list (docs/recommendations.md): duplicates go (same source and id, or titles
/// whose word sets overlap ≥ 90%); each product scores <c>0.45·keyword + 0.35·colour + 0.20·budget</c>, then a greedy pick
/// subtracts 0.05 per product already taken from the same source and 0.03 per one for the same keyword (diversity).
/// Colour: <c>max(0, 1 − ΔE/40)</c> to the nearest best colour, minus <c>(1 − ΔE/20)</c> when within ΔE 20 of an avoid colour.
/// Order is stable: ties by source, then id.
/// </summary>
public static class ProductRanker
{
    public static IReadOnlyList<RankedProduct> Rank(IEnumerable<ProductHit> hits, IReadOnlyList<string> keywords, Palette palette, Budget? budget, int maxResults)
    {
        var best = palette.Best.Select(c => ColorNames.LabOf(c.Hex)).ToList();
        var avoid = palette.Avoid.Select(c => ColorNames.LabOf(c.Hex)).ToList();
        var scored = Deduplicate(hits)
            .Select(hit => Score(hit, keywords, best, avoid, budget))
            .OrderByDescending(r => r.Score.Total).ThenBy(r => r.Product.Source, StringComparer.Ordinal).ThenBy(r => r.Product.Id, StringComparer.Ordinal)
            .ToList();

        var picked = new List<RankedProduct>();
        var perSource = new Dictionary<string, int>(StringComparer.Ordinal);
        var perKeyword = new Dictionary<string, int>(StringComparer.Ordinal);
        while (picked.Count < maxResults && scored.Count > 0)
        {
            double Adjusted(RankedProduct r) => r.Score.Total - (0.05 * perSource.GetValueOrDefault(r.Product.Source)) - (0.03 * perKeyword.GetValueOrDefault(r.Product.Keyword));
            var next = scored[0];
            foreach (var candidate in scored.Skip(1))
            {
                if (Adjusted(candidate) > Adjusted(next) + 1e-9)
                {
                    next = candidate;
                }
            }

            var diversity = Math.Round(Adjusted(next) - next.Score.Total, 3);
            picked.Add(next with { Score = next.Score with { Diversity = diversity, Total = Math.Round(next.Score.Total + diversity, 4) } });
            scored.Remove(next);
            perSource[next.Product.Source] = perSource.GetValueOrDefault(next.Product.Source) + 1;
            perKeyword[next.Product.Keyword] = perKeyword.GetValueOrDefault(next.Product.Keyword) + 1;
        }

        return picked;
    }

    internal static IEnumerable<ProductHit> Deduplicate(IEnumerable<ProductHit> hits)
    {
        var kept = new List<(ProductHit Hit, HashSet<string> Words)>();
        var ordered = hits.OrderByDescending(h => h.Relevance).ThenBy(h => h.Source, StringComparer.Ordinal).ThenBy(h => h.Id, StringComparer.Ordinal)
            .ThenBy(h => h.Title, StringComparer.Ordinal).ThenBy(h => h.Keyword, StringComparer.Ordinal).ThenBy(h => h.Price).ThenBy(h => h.ColourHex, StringComparer.Ordinal);
        foreach (var hit in ordered)
        {
            var words = TitleWords(hit.Title);
            if (kept.Any(k => (k.Hit.Source == hit.Source && k.Hit.Id == hit.Id) || Overlap(k.Words, words) >= 0.9))
            {
                continue;
            }

            kept.Add((hit, words));
        }

        return kept.Select(k => k.Hit);
    }

    private static RankedProduct Score(ProductHit hit, IReadOnlyList<string> keywords, List<Lab> best, List<Lab> avoid, Budget? budget)
    {
        var keywordIndex = Math.Max(0, keywords.ToList().IndexOf(hit.Keyword));
        var keyword = Math.Clamp(hit.Relevance, 0, 1) * (1 - (0.03 * keywordIndex));
        var named = hit.ColourHex is { } hex ? ColorNames.Nearest(ColorNames.LabOf(hex)) : ColorNames.Find(hit.Title);
        var colour = 0.0;
        if (named is not null)
        {
            var lab = ColorNames.LabOf(hit.ColourHex ?? named.Hex);
            colour = Math.Max(0, 1 - (best.Min(b => ColorSpaces.DeltaE76(lab, b)) / 40.0));
            var nearestAvoid = avoid.Count == 0 ? double.MaxValue : avoid.Min(a => ColorSpaces.DeltaE76(lab, a));
            if (nearestAvoid < 20)
            {
                colour -= 1 - (nearestAvoid / 20.0);
            }
        }

        var fit = BudgetFit(hit, budget);
        var total = (0.45 * keyword) + (0.35 * colour) + (0.20 * fit);
        return new RankedProduct(hit, named?.Name, new ScoreParts(Math.Round(keyword, 3), Math.Round(colour, 3), Math.Round(fit, 3), 0, Math.Round(total, 4)));
    }

    /// <summary>1 inside the budget (or with none); outside, falling linearly to 0 at half the budget's width (or 50%) away.</summary>
    internal static double BudgetFit(ProductHit hit, Budget? budget)
    {
        if (budget is null || !string.Equals(budget.Currency, hit.Currency, StringComparison.OrdinalIgnoreCase) && (budget.Min is not null || budget.Max is not null))
        {
            return budget is null ? 1 : 0.5;
        }

        var price = (double)hit.Price;
        var (min, max) = ((double?)budget.Min, (double?)budget.Max);
        var slack = min is not null && max is not null ? Math.Max(1, (max.Value - min.Value) / 2) : Math.Max(1, (max ?? min ?? 100) * 0.5);
        var outside = price < min ? min.Value - price : price > max ? price - max.Value : 0;
        return Math.Max(0, 1 - (outside / slack));
    }

    private static HashSet<string> TitleWords(string title) =>
        title.ToLowerInvariant().Split([' ', '-', ',', '.', '/', '(', ')', '|'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static double Overlap(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Intersect(b).Count() / (double)a.Union(b).Count();
}
