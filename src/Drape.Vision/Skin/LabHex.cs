using System.Globalization;
using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

internal static class LabHex
{
    /// <summary>The colour as sRGB <c>#RRGGBB</c> (out-of-gamut values clipped by <see cref="ColorSpaces.ToSrgb"/>).</summary>
    public static string Format(Lab lab)
    {
        var (r, g, b) = ColorSpaces.ToSrgb(lab);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}");
    }
}
