namespace Drape.Imaging.Decoding;

public enum ImageFormatKind
{
    Jpeg,
    Png,
    Webp,
}

public static class ImageFormats
{
    public static string MimeType(this ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => "image/jpeg",
        ImageFormatKind.Png => "image/png",
        _ => "image/webp",
    };

    public static string Describe(this ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => "a JPEG image",
        ImageFormatKind.Png => "a PNG image",
        _ => "a WebP image",
    };
}
