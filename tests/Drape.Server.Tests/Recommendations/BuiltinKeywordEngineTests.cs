using Drape.Server.Features.Recommendations.Keywords;
using Drape.Vision.Skin;

namespace Drape.Server.Tests.Recommendations;

public sealed class BuiltinKeywordEngineTests
{
    private static readonly Palette Palette = SeasonalPalettes.For("light_warm");

    [Fact]
    public void Fixed_inputs_give_fixed_keywords_in_best_colours()
    {
        var request = new KeywordRequest(Palette, null, [], null);
        var first = BuiltinKeywordEngine.Suggest(request);
        Assert.Equal(first, BuiltinKeywordEngine.Suggest(request));
        Assert.Equal(BuiltinKeywordEngine.Count, first.Count);
        var bestNames = Palette.Best.Select(c => c.Name).ToList();
        Assert.All(first, k => Assert.Contains(bestNames, name => k.Keyword.StartsWith(name + " ", StringComparison.Ordinal)));
        Assert.StartsWith(bestNames[0], first[0].Keyword, StringComparison.Ordinal); // the top colour leads
        Assert.Equal(first.Select(k => k.Score).OrderByDescending(s => s), first.Select(k => k.Score));
    }

    [Fact]
    public void Categories_missing_from_the_wardrobe_come_first()
    {
        var keywords = BuiltinKeywordEngine.Suggest(new KeywordRequest(Palette, null, ["upper", "lower"], null));
        var top = keywords.Take(3).Select(k => k.Keyword).ToList();
        string[] missing = ["dress", "blazer", "cardigan", "coat", "jacket"];
        Assert.All(top, k => Assert.Contains(missing, m => k.Contains(m, StringComparison.Ordinal)));
    }

    [Fact]
    public void Style_and_occasion_lift_their_garments_and_gender_filters()
    {
        var profile = new RecommendProfile("men", "business", null, null, "work");
        var keywords = BuiltinKeywordEngine.Suggest(new KeywordRequest(Palette, profile, [], null)).Select(k => k.Keyword).ToList();
        Assert.Contains(keywords.Take(4), k => k.EndsWith("blazer", StringComparison.Ordinal) || k.EndsWith("trousers", StringComparison.Ordinal) || k.EndsWith("button-down shirt", StringComparison.Ordinal));
        Assert.DoesNotContain(keywords, k => k.EndsWith("dress", StringComparison.Ordinal) || k.EndsWith("blouse", StringComparison.Ordinal) || k.EndsWith("skirt", StringComparison.Ordinal));
    }

    [Fact]
    public void No_colour_or_category_dominates()
    {
        var keywords = BuiltinKeywordEngine.Suggest(new KeywordRequest(Palette, null, [], null)).Select(k => k.Keyword).ToList();
        foreach (var colour in Palette.Best.Select(c => c.Name))
        {
            Assert.True(keywords.Count(k => k.StartsWith(colour + " ", StringComparison.Ordinal)) <= 2, colour);
        }
    }
}
