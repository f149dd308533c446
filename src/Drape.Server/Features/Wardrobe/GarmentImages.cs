using Drape.Errors;
using Drape.Imaging.Color;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using Drape.Server.Data;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Server.Features.Wardrobe;

/// <summary>What an uploaded garment photo becomes: a cut-out (PNG with alpha), a WebP thumbnail, its category and colours.</summary>
public sealed record ProcessedGarment(byte[] Cutout, byte[] Thumbnail, string Category, List<GarmentColour> Colours, int Width, int Height);

public static class GarmentImages
{
    private const int ThumbnailSide = 384;

    /// <summary>Cuts the garment out, decides <c>auto</c> from its shape, and finds up to three colours (k-means in CIELAB, named).</summary>
    public static ProcessedGarment Process(DecodedImage photo, string category)
    {
        using var cutout = GarmentMasker.Extract(photo.Bitmap);
        var decided = category == "auto" ? GarmentShape.Classify(cutout.Mask).ToString().ToLowerInvariant() : category;
        var colours = DominantColors.Find(cutout.Image, cutout.Mask, k: 3)
            .Where(c => c.Share >= 0.05f)
            .Select(c => new GarmentColour(c.Hex, ColorNames.Nearest(c.Lab).Name, Math.Round(c.Share, 3)))
            .ToList();
        return new ProcessedGarment(ImageEncoding.EncodePng(cutout.Image), Thumbnail(photo.Bitmap), decided, colours, photo.Width, photo.Height);
    }

    /// <summary>A WebP at most <paramref name="side"/> pixels on its longer side (never enlarged).</summary>
    public static byte[] Thumbnail(SKBitmap image, int side = ThumbnailSide)
    {
        var scale = Math.Min(1f, side / (float)Math.Max(image.Width, image.Height));
        using var small = ImageResize.Resize(image, Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale)));
        return ImageEncoding.EncodeWebp(small);
    }

    /// <summary>Writes every blob, or none: on a failure the ones written are removed and the storage error is 503 <c>SYS_9003</c>.</summary>
    public static async Task PutAllAsync(Storage.IBlobStore blobs, IReadOnlyList<(string Key, byte[] Data, string ContentType)> items, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        try
        {
            foreach (var (key, data, contentType) in items)
            {
                await blobs.PutAsync(key, data, contentType, cancellationToken);
                written.Add(key);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            foreach (var key in written)
            {
                try
                {
                    await blobs.DeleteAsync(key, CancellationToken.None);
                }
                catch (IOException)
                {
                    // Left for the storage check to find.
                }
            }

            throw new DrapeException(ErrorCodes.Storage, 503, "The file store is not available; nothing was saved. Try again shortly.", null, e);
        }
    }
}
