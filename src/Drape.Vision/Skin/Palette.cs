namespace Drape.Vision.Skin;

/// <summary>Colour advice for one skin category (<see cref="SeasonalPalettes"/>).</summary>
/// <param name="Category">One of <see cref="SkinCategories"/>.</param>
/// <param name="Season">The twelve-season colour-analysis season the category corresponds to, e.g. "Light Summer".</param>
/// <param name="Best">Colours to wear near the face (8–12).</param>
/// <param name="Avoid">Colours that fight the skin (4–6); never one of <paramref name="Best"/>.</param>
/// <param name="Metals">Jewellery and hardware metals, best first.</param>
/// <param name="Neutrals">Base colours for larger pieces (4–6).</param>
public sealed record Palette(
    string Category,
    string Season,
    IReadOnlyList<NamedColor> Best,
    IReadOnlyList<NamedColor> Avoid,
    IReadOnlyList<NamedColor> Metals,
    IReadOnlyList<NamedColor> Neutrals);
