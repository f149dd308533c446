using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using SkiaSharp;

namespace Drape.Server.Engines.Hosted;

/// <summary>What goes to a provider (JPEG data URIs: local blobs have no public URL) and what comes back (a decoded result).</summary>
internal static class HostedImages
{
    /// <summary>The side the garment photo is cut out at to decide <c>auto</c>, as the built-in engine does.</summary>
    private const int ClassifySide = 512;

    public static string DataUri(SKBitmap image, HostedEngineOptions options)
    {
        using var fitted = ImageResize.FitWithin(image, options.MaxImageSide, options.MaxImageSide);
        return "data:image/jpeg;base64," + Convert.ToBase64String(ImageEncoding.EncodeJpeg(fitted, options.JpegQuality));
    }

    /// <summary>The category Drape's own garment masker sees (<see cref="GarmentShape.Classify"/>).</summary>
    public static GarmentCategory Classify(SKBitmap garment)
    {
        using var small = ImageResize.FitWithin(garment, ClassifySide, ClassifySide);
        using var cutout = GarmentMasker.Extract(small);
        return GarmentShape.Classify(cutout.Mask);
    }

    /// <summary>A result's bytes from a <c>data:</c> URI, when the provider answered with one instead of a URL.</summary>
    public static byte[]? FromDataUri(string url)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new HostedContractException("the result is a data URI without base64 content.");
        }

        try
        {
            return Convert.FromBase64String(url[(comma + 1)..]);
        }
        catch (FormatException e)
        {
            throw new HostedContractException("the result's data URI is not valid base64.", e);
        }
    }

    /// <summary>Decodes a result with the upload checks (magic bytes, pixel caps); anything else is the provider's fault.</summary>
    public static SKBitmap Decode(byte[] bytes, HostedEngineOptions options)
    {
        var format = ImageUploadDecoder.Sniff(bytes) ?? throw new HostedContractException("the result is not a JPEG, PNG or WebP image.");
        var limits = new ImageLimits(MaxBytes: options.MaxResultMegabytes * 1024L * 1024L);
        try
        {
            return ImageUploadDecoder.Decode(bytes, format.MimeType(), "result", limits).Bitmap;
        }
        catch (DrapeException e)
        {
            throw new HostedContractException("the result image could not be decoded: " + e.Message, e);
        }
    }

    /// <summary>Reads a body up to <paramref name="maxBytes"/>; a larger one is refused before it is all in memory.</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new HostedContractException($"the result is {content.Headers.ContentLength} bytes; the limit is {maxBytes}.");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new HostedContractException($"the result is over the limit of {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
