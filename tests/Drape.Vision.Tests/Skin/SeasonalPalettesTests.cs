using Drape.Vision.Skin;

namespace Drape.Vision.Tests.Skin;

public class SeasonalPalettesTests
{
    public static TheoryData<string> Categories => [.. SkinCategories.All];

    [Fact]
    public void There_are_the_twelve_documented_categories()
    {
        Assert.Equal(
            ["fair_cool", "fair_warm", "light_cool", "light_warm", "medium_cool", "medium_warm", "olive", "tan_warm", "tan_cool", "deep_warm", "deep_cool", "deep_neutral"],
            SeasonalPalettes.Categories);
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void Each_palette_is_complete_and_consistent(string category)
    {
        var palette = SeasonalPalettes.For(category);
        Assert.Equal(category, palette.Category);
        Assert.False(string.IsNullOrWhiteSpace(palette.Season));
        Assert.InRange(palette.Best.Count, 8, 12);
        Assert.InRange(palette.Avoid.Count, 4, 6);
        Assert.InRange(palette.Metals.Count, 1, 5);
        Assert.InRange(palette.Neutrals.Count, 4, 6);
        var all = palette.Best.Concat(palette.Avoid).Concat(palette.Metals).Concat(palette.Neutrals).ToList();
        Assert.All(all, c => Assert.Matches("^#[0-9A-F]{6}$", c.Hex));
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.Name)));
        Assert.Empty(palette.Best.Select(c => c.Hex).Intersect(palette.Avoid.Select(c => c.Hex)));
        Assert.Empty(palette.Best.Select(c => c.Name).Intersect(palette.Avoid.Select(c => c.Name)));
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct().Count()); // no colour listed twice
    }

    [Fact]
    public void A_name_means_the_same_colour_everywhere()
    {
        var colours = SeasonalPalettes.Categories.Select(SeasonalPalettes.For)
            .SelectMany(p => p.Best.Concat(p.Avoid).Concat(p.Metals).Concat(p.Neutrals));
        Assert.All(colours.GroupBy(c => c.Name), g => Assert.Single(g.Select(c => c.Hex).Distinct()));
    }

    [Fact]
    public void Temperature_decides_the_metals()
    {
        foreach (var category in SeasonalPalettes.Categories)
        {
            var metals = SeasonalPalettes.For(category).Metals.Select(m => m.Name).ToList();
            if (category.EndsWith("_cool", StringComparison.Ordinal))
            {
                Assert.Equal("silver", metals[0]);
                Assert.DoesNotContain("gold", metals);
            }
            else if (category.EndsWith("_warm", StringComparison.Ordinal) || category == "olive")
            {
                Assert.DoesNotContain("silver", metals);
            }
        }
    }

    [Theory]
    [InlineData("beige")]
    [InlineData("Fair_Cool")]
    [InlineData("")]
    public void Unknown_categories_are_rejected(string category)
    {
        var error = Assert.Throws<ArgumentException>(() => SeasonalPalettes.For(category));
        Assert.Contains("fair_cool", error.Message, StringComparison.Ordinal);
    }
}
