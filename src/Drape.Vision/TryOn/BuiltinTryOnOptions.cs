namespace Drape.Vision.TryOn;

/// <param name="MaxWidth">The result fits within MaxWidth×MaxHeight, framed like the person photo.</param>
/// <param name="GarmentWorkingSide">Garment photos are scaled to at most this many pixels a side before cut-out.</param>
public sealed record BuiltinTryOnOptions(int MaxWidth = 768, int MaxHeight = 1024, int GarmentWorkingSide = 768);
