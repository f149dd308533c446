using Drape.Imaging.Garments;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>A try-on engine (DESIGN.md §7): person photo + garment photo → the person wearing the garment.</summary>
public interface ITryOnEngine
{
    /// <summary>The engine's configuration name (<c>builtin</c>, <c>oip</c>, …), recorded on every result.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the try-on. Inputs are decoded, EXIF-oriented RGBA images. The returned bitmap belongs to the caller.
    /// Throws <see cref="Drape.Errors.DrapeException"/> (<c>ML_4004</c> when no person is found, <c>ML_4002</c> when
    /// inference fails); honours <paramref name="cancellationToken"/> between steps.
    /// </summary>
    Task<TryOnOutput> RunAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken);
}

/// <param name="Category">The garment category, or null for <c>auto</c> (the engine decides).</param>
/// <param name="Seed">Same inputs and seed give the same output.</param>
/// <param name="GarmentPhotoType">Flat lay or on a model; null for <c>auto</c> (the engine decides).</param>
public sealed record TryOnInput(SKBitmap Person, SKBitmap Garment, GarmentCategory? Category, int Seed, string? Description = null, GarmentPhotoType? GarmentPhotoType = null);

/// <param name="Image">The result, framed like the person photo and fitted within the configured maximum size.</param>
/// <param name="Category">The category used (resolved when the request said <c>auto</c>).</param>
public sealed record TryOnOutput(SKBitmap Image, GarmentCategory Category, string Model);
