using Drape.Errors;
using SkiaSharp;

namespace Drape.Imaging.Decoding;

/// <summary>
/// The seed's FileValidator for images: declared type on the allow-list (415 <c>VAL_2003</c>), size within the
/// limit (413 <c>VAL_2002</c>), magic bytes matching the declared type, dimensions within the pixel and side limits
/// — read from the header before any pixel is allocated — and a complete decode (400 <c>VAL_2004</c>).
/// </summary>
public static class ImageUploadDecoder
{
    public const string AllowedTypes = "image/jpeg, image/png, image/webp";

    public static ImageFormatKind ParseDeclaredType(string? contentType, string field)
    {
        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "image/jpeg" or "image/jpg" or "image/pjpeg" => ImageFormatKind.Jpeg,
            "image/png" or "image/x-png" => ImageFormatKind.Png,
            "image/webp" => ImageFormatKind.Webp,
            _ => throw new DrapeException(ErrorCodes.UnsupportedType, 415,
                $"{field} is declared as '{(mediaType.Length == 0 ? "no type" : mediaType)}'; accepted types are {AllowedTypes}.",
                Details(field, ("declared_type", mediaType), ("allowed_types", AllowedTypes.Split(", ")))),
        };
    }

    /// <summary>The format the leading bytes say, or null when they are no image we accept.</summary>
    public static ImageFormatKind? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ImageFormatKind.Jpeg;
        }

        if (header.Length >= 8 && header[..8].SequenceEqual(PngSignature))
        {
            return ImageFormatKind.Png;
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormatKind.Webp;
        }

        return null;
    }

    /// <summary>
    /// Every check that needs no pixels: type, size, magic bytes, dimensions from the header, and a complete file
    /// (JPEG end-of-image marker, PNG IEND chunk, WebP RIFF length). Cheap enough for the request path; the full
    /// decode (<see cref="Decode"/>) happens where the pixels are needed.
    /// </summary>
    public static ImageHeader Inspect(byte[] data, string? declaredContentType, string field, ImageLimits limits)
    {
        var declared = ParseDeclaredType(declaredContentType, field);
        if (data.Length == 0)
        {
            throw Invalid(field, $"{field} is empty.");
        }

        if (data.Length > limits.MaxBytes)
        {
            throw new DrapeException(ErrorCodes.FileTooLarge, 413,
                $"{field} is {data.Length / (1024 * 1024.0):0.0} MB; the limit is {limits.MaxBytes / (1024 * 1024.0):0.#} MB.",
                Details(field, ("size_bytes", data.Length), ("limit_bytes", limits.MaxBytes)));
        }

        var actual = Sniff(data);
        if (actual is null)
        {
            throw Invalid(field, $"{field} is declared as {declared.MimeType()} but its content is not an image.");
        }

        if (actual != declared)
        {
            throw Invalid(field, $"{field} is declared as {declared.MimeType()} but its content is {actual.Value.Describe()}.");
        }

        if (!IsComplete(data, actual.Value))
        {
            throw Invalid(field, $"{field} is corrupt or truncated: the file ends early.");
        }

        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream) ?? throw Invalid(field, $"{field} is corrupt or truncated.");
        var info = codec.Info;
        CheckDimensions(info.Width, info.Height, field, limits);
        var swaps = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return swaps ? new ImageHeader(actual.Value, info.Height, info.Width) : new ImageHeader(actual.Value, info.Width, info.Height);
    }

    public static DecodedImage Decode(byte[] data, string? declaredContentType, string field, ImageLimits limits)
    {
        var header = Inspect(data, declaredContentType, field, limits);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream) ?? throw Invalid(field, $"{field} is corrupt or truncated.");
        var info = codec.Info;
        var raw = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var result = codec.GetPixels(raw.Info, raw.GetPixels());
        if (result is not SKCodecResult.Success)
        {
            raw.Dispose();
            throw Invalid(field, $"{field} is corrupt or truncated ({result}).");
        }

        var upright = Orientation.Apply(raw, codec.EncodedOrigin);
        if (!ReferenceEquals(upright, raw))
        {
            raw.Dispose();
        }

        return new DecodedImage(upright, header.Format, upright.Width, upright.Height);
    }

    private static void CheckDimensions(int width, int height, string field, ImageLimits limits)
    {
        if ((long)width * height > limits.MaxPixels || width > limits.MaxSide || height > limits.MaxSide)
        {
            throw new DrapeException(ErrorCodes.ContentMismatch, 400,
                $"{field} is {width}×{height} pixels; the limits are {limits.MaxPixels / 1_000_000.0:0.#} megapixels and {limits.MaxSide} px a side.",
                Details(field, ("width", width), ("height", height), ("max_pixels", limits.MaxPixels), ("max_side", limits.MaxSide)));
        }

        if (width <= 0 || height <= 0)
        {
            throw Invalid(field, $"{field} has no pixels.");
        }
    }

    /// <summary>Whether the file's own structure says it is whole (a cut-off upload fails this).</summary>
    private static bool IsComplete(ReadOnlySpan<byte> data, ImageFormatKind format)
    {
        var tail = data[Math.Max(0, data.Length - 4096)..];
        return format switch
        {
            // Markers cannot occur inside entropy-coded data (0xFF is stuffed), so an EOI near the end means the scan ended.
            ImageFormatKind.Jpeg => tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0,
            ImageFormatKind.Png => tail.IndexOf("IEND"u8) >= 0,
            _ => data.Length >= 12 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[4..8]) + 8L <= data.Length,
        };
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static DrapeException Invalid(string field, string message) =>
        new(ErrorCodes.ContentMismatch, 400, message, Details(field));

    private static Dictionary<string, object?> Details(string field, params (string Key, object? Value)[] extra)
    {
        var details = new Dictionary<string, object?> { ["field"] = field };
        foreach (var (key, value) in extra)
        {
            details[key] = value;
        }

        return details;
    }
}
