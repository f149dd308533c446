using System.Collections.Frozen;

namespace Drape.Vision.Skin;

/// <summary>
/// A fixed, documented palette per skin category, from twelve-season colour analysis: warm undertones take warm, earthy,
/// yellow-based colours and gold; cool ones blue-based jewel tones and silver; depth sets value and contrast (fair: light
/// and soft, deep: saturated and high-contrast); olive takes muted earthy greens and bronze. Rationale in docs/skin-tone.md.
/// </summary>
public static partial class SeasonalPalettes
{
    private static readonly FrozenDictionary<string, Palette> ByCategory = Table().ToFrozenDictionary(p => p.Category, StringComparer.Ordinal);

    /// <summary>The twelve categories, in <see cref="SkinCategories.All"/> order.</summary>
    public static IReadOnlyList<string> Categories => SkinCategories.All;

    /// <summary>The palette for <paramref name="category"/> (one of <see cref="SkinCategories"/>, exact, case-sensitive).</summary>
    /// <exception cref="ArgumentException">The category is not one of the twelve.</exception>
    public static Palette For(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return ByCategory.TryGetValue(category, out var palette)
            ? palette
            : throw new ArgumentException($"Unknown skin category '{category}'; expected one of: {string.Join(", ", Categories)}.", nameof(category));
    }
}
