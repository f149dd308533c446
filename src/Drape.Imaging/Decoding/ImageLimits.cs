namespace Drape.Imaging.Decoding;

public sealed record ImageLimits(long MaxBytes = 10 * 1024 * 1024, long MaxPixels = 40_000_000, int MaxSide = 8192);
