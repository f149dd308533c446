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

    public static DecodedImage Decode(byte[] data, string? declaredContentType, string field, ImageLimits limits)
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

        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream) ?? throw Invalid(field, $"{field} is corrupt or truncated.");
        var info = codec.Info;
        if ((long)info.Width * info.Height > limits.MaxPixels || info.Width > limits.MaxSide || info.Height > limits.MaxSide)
        {
            throw new DrapeException(ErrorCodes.ContentMismatch, 400,
                $"{field} is {info.Width}×{info.Height} pixels; the limits are {limits.MaxPixels / 1_000_000.0:0.#} megapixels and {limits.MaxSide} px a side.",
                Details(field, ("width", info.Width), ("height", info.Height), ("max_pixels", limits.MaxPixels), ("max_side", limits.MaxSide)));
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            throw Invalid(field, $"{field} has no pixels.");
        }

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

        return new DecodedImage(upright, actual.Value, upright.Width, upright.Height);
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
