namespace Drape.Imaging.Processing;

/// <param name="FeatherPx">How far inside its edge the garment fades in.</param>
/// <param name="ShadingStrength">0 = flat garment colours; 1 = the photo's low-frequency light applied fully.</param>
public sealed record CompositeOptions(float FeatherPx = 2f, float ShadingStrength = 0.45f);
