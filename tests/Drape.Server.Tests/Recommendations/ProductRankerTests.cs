using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Ranking;
using Drape.Vision.Skin;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Drape.Server.Tests.Recommendations;

public sealed class ProductRankerTests
{
    private static readonly Palette Palette = SeasonalPalettes.For("deep_cool");
    private static readonly string[] Keywords = ["sapphire blazer", "emerald wrap dress", "ruby blouse"];
    private static readonly string[] Colours = [.. Palette.Best.Select(c => c.Hex), .. Palette.Avoid.Select(c => c.Hex), "#808080"];
    private static readonly string[] Words = ["silk", "wool", "blazer", "dress", "classic", "slim", "wrap", "midi", "blouse", "linen"];

    private static Arbitrary<ProductHit[]> Hits() =>
        (from count in Gen.Choose(0, 40)
         from items in Gen.ArrayOf(
             from id in Gen.Choose(1, 25)
             from source in Gen.Elements("catalog", "ebay")
             from words in Gen.ArrayOf(Gen.Elements(Words), 3)
             from price in Gen.Choose(5, 300)
             from colour in Gen.Elements(Colours)
             from keyword in Gen.Elements(Keywords)
             from relevance in Gen.Choose(0, 100)
             select new ProductHit($"p{id}", string.Join(' ', words), price, "USD", null, null, source, colour, null, keyword, relevance / 100.0),
             count)
         select items).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property No_duplicates_at_most_max_results_and_sorted() => Prop.ForAll(Hits(), Gen.Choose(1, 50).ToArbitrary(), (hits, max) =>
    {
        var ranked = ProductRanker.Rank(hits, Keywords, Palette, new Budget(20, 150), max);
        var ids = ranked.Select(r => (r.Product.Source, r.Product.Id)).ToList();
        return ranked.Count <= max
            && ids.Distinct().Count() == ids.Count
            && ranked.Zip(ranked.Skip(1)).All(p => p.First.Score.Total >= p.Second.Score.Total - 1e-9);
    });

    [Property(MaxTest = 100)]
    public Property Ranking_is_stable() => Prop.ForAll(Hits(), hits =>
    {
        var once = ProductRanker.Rank(hits, Keywords, Palette, null, 20).Select(r => r.Product.Id);
        var again = ProductRanker.Rank(hits.Reverse().ToArray(), Keywords, Palette, null, 20).Select(r => r.Product.Id);
        return once.SequenceEqual(again);
    });

    [Property(MaxTest = 100)]
    public Property An_avoid_colour_never_outranks_an_equal_best_colour_match() => Prop.ForAll(
        Gen.Choose(0, Palette.Best.Count - 1).ToArbitrary(), Gen.Choose(0, Palette.Avoid.Count - 1).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (b, a, relevance) =>
    {
        ProductHit Hit(string id, string title, string hex) => new(id, title, 40, "USD", null, null, "catalog", hex, null, Keywords[0], relevance / 100.0);
        var good = Hit("good", "classic wool blazer", Palette.Best[b].Hex);
        var bad = Hit("bad", "relaxed linen jacket", Palette.Avoid[a].Hex);
        var ranked = ProductRanker.Rank([bad, good], Keywords, Palette, null, 2);
        return ranked[0].Product.Id == "good";
    });

    [Fact]
    public void Near_identical_titles_are_one_product()
    {
        ProductHit Hit(string id, string title, double relevance) => new(id, title, 40, "USD", null, null, "ebay", null, null, Keywords[0], relevance);
        var ranked = ProductRanker.Rank(
            [Hit("1", "Sapphire Blue Wool Blazer Slim Fit", 0.9), Hit("2", "sapphire blue wool blazer slim fit", 0.8), Hit("3", "Emerald wrap dress", 0.7)],
            Keywords, Palette, null, 10);
        Assert.Equal(["1", "3"], ranked.Select(r => r.Product.Id));
    }

    [Fact]
    public void Every_product_carries_its_score_parts()
    {
        var hit = new ProductHit("1", "Sapphire blazer", 300, "USD", null, null, "catalog", Palette.Best[0].Hex, null, Keywords[0], 1);
        var ranked = Assert.Single(ProductRanker.Rank([hit], Keywords, Palette, new Budget(20, 100), 5));
        Assert.Equal(1, ranked.Score.Keyword);
        Assert.Equal(1, ranked.Score.Colour, 2);
        Assert.Equal(0, ranked.Score.Budget); // 300 is far above 20–100
        Assert.Equal(Math.Round((0.45 * ranked.Score.Keyword) + (0.35 * ranked.Score.Colour) + (0.2 * ranked.Score.Budget), 4), ranked.Score.Total, 3);
    }
}
