using Drape.Imaging.Color;

namespace Drape.Vision.Skin;

/// <summary>A face's representative skin colour, measured by <see cref="SkinSampler"/>.</summary>
/// <param name="Lab">Per-channel median of the kept skin pixels, CIELAB (D65).</param>
/// <param name="Hex"><paramref name="Lab"/> as sRGB <c>#RRGGBB</c>.</param>
/// <param name="PixelCount">Pixels the median was taken over (after the skin filter and the L* trim).</param>
/// <param name="Confidence">0..1; falls with few pixels, with high spread and when little of the sampled area looked like skin.</param>
public sealed record SkinSample(Lab Lab, string Hex, int PixelCount, float Confidence);
