using System.Collections.Frozen;

namespace Drape.Vision.Skin;

/// <summary>Every colour <see cref="SeasonalPalettes"/> uses, once, so a name always means the same hex.</summary>
internal static class PaletteSwatches
{
    private static readonly FrozenDictionary<string, string> HexByName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // metals
        ["gold"] = "#D4AF37", ["light gold"] = "#E6C87A", ["antique gold"] = "#B8953E", ["rose gold"] = "#B76E79",
        ["silver"] = "#C0C0C0", ["platinum"] = "#E5E4E2", ["white gold"] = "#E6E3DC", ["pewter"] = "#8A8D8F",
        ["bronze"] = "#CD7F32", ["copper"] = "#B87333", ["brass"] = "#B5A642",

        // neutrals
        ["black"] = "#000000", ["pure white"] = "#FFFFFF", ["soft white"] = "#F5F5F0", ["ivory"] = "#FFFFF0", ["cream"] = "#FFF5DC",
        ["dove grey"] = "#B8B8BC", ["cool grey"] = "#8D9096", ["warm grey"] = "#CFC8BE", ["charcoal"] = "#36454F",
        ["navy"] = "#1F2F56", ["slate navy"] = "#46536E", ["warm navy"] = "#34456B", ["rose beige"] = "#D9C2B8",
        ["cool taupe"] = "#9A8C8A", ["warm taupe"] = "#A68B6D", ["rose brown"] = "#8C6A6A", ["cocoa"] = "#6F5A57",
        ["light camel"] = "#D8B68A", ["camel"] = "#C19A6B", ["warm beige"] = "#E3C9A8", ["golden brown"] = "#996515",
        ["chocolate"] = "#7B3F00", ["espresso"] = "#3C2218", ["khaki"] = "#C3B091", ["olive brown"] = "#645438",
        ["light beige"] = "#E8DCCA", ["greige"] = "#BEB6A8",

        // light and soft
        ["powder blue"] = "#B0D0E8", ["lavender"] = "#C4B7E0", ["rose pink"] = "#E8A9C0", ["soft periwinkle"] = "#A7B4E6",
        ["seafoam"] = "#A8DCC9", ["soft raspberry"] = "#C0577A", ["dusty blue"] = "#7A9CC6", ["light plum"] = "#A77BA8",
        ["cool mint"] = "#BFE6D8", ["cornflower"] = "#8FA8E0", ["peach"] = "#FFCBA4", ["light coral"] = "#F4978E",
        ["butter yellow"] = "#F8E08E", ["aqua"] = "#7FD8CF", ["mint"] = "#A8E0B0", ["warm periwinkle"] = "#9BA8E5",
        ["poppy"] = "#F26B5B", ["light teal"] = "#5FB8B0", ["spring green"] = "#8CCB6E", ["warm lilac"] = "#C9A8D8",
        ["icy grey"] = "#D6DDE3", ["icy blue"] = "#D6ECF5", ["icy pink"] = "#F4D9E8", ["icy lilac"] = "#DCD0F0",
        ["pastel pink"] = "#F8C8DC", ["dusty mauve"] = "#B784A7", ["dusty rose"] = "#C08081", ["dusty peach"] = "#E8B99E",

        // mid and muted
        ["raspberry"] = "#B3446C", ["soft fuchsia"] = "#D65A9C", ["sky blue"] = "#87BFE8", ["slate blue"] = "#6A7FB5",
        ["sea green"] = "#3E9E8A", ["plum"] = "#8E4585", ["cool rose"] = "#D98CA6", ["periwinkle"] = "#8C9EE0",
        ["blue spruce"] = "#3B6E78", ["cool teal"] = "#2E7D86", ["berry"] = "#8E2F5C", ["soft plum"] = "#8B5A83",
        ["blue grey"] = "#6C8299", ["cool emerald"] = "#1F8A70", ["orchid"] = "#B565A7", ["mid sapphire"] = "#2F4F9A",
        ["sage"] = "#9CAF88", ["olive"] = "#708238", ["muted teal"] = "#4A8A86", ["dusty coral"] = "#D98C7A",
        ["terracotta"] = "#C8694E", ["cinnamon"] = "#A0522D", ["warm plum"] = "#7D4B5E", ["moss green"] = "#8A9A5B",
        ["muted olive"] = "#8A865D",

        // warm and clear
        ["coral"] = "#FF7F50", ["golden yellow"] = "#F0B323", ["warm turquoise"] = "#30C0B0", ["apple green"] = "#8DB600",
        ["salmon"] = "#FA8072", ["tomato red"] = "#E5472F", ["marigold"] = "#F2A33A", ["warm violet"] = "#8E6BBF",
        ["leaf green"] = "#5DA130", ["mustard"] = "#D4A017", ["rust"] = "#B7410E", ["warm teal"] = "#2A8C82",
        ["pumpkin"] = "#E67E22", ["aubergine"] = "#614051", ["burnt orange"] = "#CC5500", ["olive green"] = "#6B8E23",
        ["teal"] = "#008080", ["forest green"] = "#2F5233", ["deep teal"] = "#1F5F5B", ["brick red"] = "#A53D2C",
        ["saffron"] = "#F4C430", ["sunflower"] = "#FFC512", ["tangerine"] = "#F28500",

        // jewel and high-contrast
        ["emerald"] = "#009B77", ["sapphire"] = "#0F52BA", ["magenta"] = "#CA1F7B", ["ruby"] = "#9B111E",
        ["royal purple"] = "#7851A9", ["pine"] = "#01796F", ["cobalt"] = "#0047AB", ["blue red"] = "#C8102E",
        ["true red"] = "#D0312D", ["fuchsia"] = "#C21E7A", ["electric blue"] = "#2C75FF", ["royal blue"] = "#4169E1",
        ["deep purple"] = "#5B2C6F",

        // clashes
        ["orange"] = "#F47C20", ["bright orange"] = "#FF8C00", ["bright yellow"] = "#FFE135", ["burgundy"] = "#800020",
        ["neon pink"] = "#FF6EC7", ["chartreuse"] = "#DFFF00",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<NamedColor> All => HexByName.Select(p => new NamedColor(p.Value, p.Key));

    public static NamedColor Named(string name) =>
        HexByName.TryGetValue(name, out var hex) ? new NamedColor(hex, name) : throw new KeyNotFoundException($"No swatch named '{name}'.");
}
