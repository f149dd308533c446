using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

/// <summary>A skin colour and what <see cref="SkinToneClassifier"/> makes of it.</summary>
/// <param name="Lab">CIELAB (D65).</param>
/// <param name="Hex">sRGB <c>#RRGGBB</c>.</param>
/// <param name="ItaDegrees">Individual Typology Angle, −90..90.</param>
/// <param name="ItaClass">One of <see cref="ItaClasses"/>.</param>
/// <param name="HueAngle">CIELAB h*, 0..360 degrees.</param>
/// <param name="Chroma">CIELAB C*.</param>
/// <param name="Undertone">One of <see cref="Undertones"/>.</param>
/// <param name="Category">One of <see cref="SkinCategories"/>.</param>
/// <param name="Fitzpatrick">"I".."VI", approximated from ITA°.</param>
/// <param name="Confidence">0..1, from the measurement (<see cref="SkinSample.Confidence"/>); 1 for a given colour.</param>
public sealed record SkinTone(
    Lab Lab,
    string Hex,
    double ItaDegrees,
    string ItaClass,
    double HueAngle,
    double Chroma,
    string Undertone,
    string Category,
    string Fitzpatrick,
    float Confidence);
