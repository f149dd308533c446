namespace Drape.Vision.Skin;

/// <summary>A colour as sRGB <c>#RRGGBB</c> (upper-case hex) and its common name.</summary>
public sealed record NamedColor(string Hex, string Name);
