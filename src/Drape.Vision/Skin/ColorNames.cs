using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

/// <summary>
/// Names for colours: every palette swatch plus the plain names shoppers search for. <see cref="Nearest"/> names a
/// colour by the closest entry (ΔE76); <see cref="Find"/> spots a colour name in free text such as a product title.
/// </summary>
public static class ColorNames
{
    /// <summary>Plain names, added to the palette swatches (a swatch of the same name wins).</summary>
    private static readonly Dictionary<string, string> Plain = new(StringComparer.Ordinal)
    {
        ["white"] = "#FFFFFF", ["grey"] = "#808080", ["gray"] = "#808080", ["red"] = "#C62828", ["blue"] = "#1E4FB0",
        ["green"] = "#2E7D32", ["yellow"] = "#F5D033", ["pink"] = "#F4A6C0", ["purple"] = "#6A3D9A", ["brown"] = "#6D4C41",
        ["beige"] = "#E1CFB2", ["tan"] = "#C8A27A", ["denim"] = "#3B5B8C", ["maroon"] = "#7A1F2B", ["lilac"] = "#C8A2C8",
        ["turquoise"] = "#30C5B5", ["mauve"] = "#B784A7", ["wine"] = "#722F37", ["indigo"] = "#3F3A8C", ["stone"] = "#B8AFA0",
    };

    // After Plain: static fields initialise in order.
    private static readonly IReadOnlyList<(string Name, string Hex, Lab Lab)> Entries = Build();

    public static IEnumerable<string> All => Entries.Select(e => e.Name);

    public static NamedColor Nearest(Lab lab)
    {
        var best = Entries.MinBy(e => ColorSpaces.DeltaE76(e.Lab, lab));
        return new NamedColor(best.Hex, best.Name);
    }

    /// <summary>The longest colour name found as whole words in <paramref name="text"/> ("dark navy blazer" → navy), or null.</summary>
    public static NamedColor? Find(string text)
    {
        var padded = $" {new string(text.ToLowerInvariant().Select(c => char.IsLetter(c) ? c : ' ').ToArray())} ";
        var hits = Entries.Where(e => padded.Contains($" {e.Name} ", StringComparison.Ordinal)).ToList();
        if (hits.Count == 0)
        {
            return null;
        }

        var hit = hits.MaxBy(e => e.Name.Length);
        return new NamedColor(hit.Hex, hit.Name);
    }

    public static Lab LabOf(string hex)
    {
        var value = Convert.ToInt32(hex.TrimStart('#'), 16);
        return ColorSpaces.ToLab((byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    private static List<(string, string, Lab)> Build()
    {
        var names = PaletteSwatches.All.ToDictionary(s => s.Name, s => s.Hex, StringComparer.Ordinal);
        foreach (var (name, hex) in Plain)
        {
            names.TryAdd(name, hex);
        }

        return names.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, n.Value, LabOf(n.Value))).ToList();
    }
}
