namespace Drape.Imaging.Decoding;

/// <summary>What an upload's header says: its real format and upright size (EXIF rotation accounted for).</summary>
public sealed record ImageHeader(ImageFormatKind Format, int Width, int Height)
{
    public string Extension => Format switch
    {
        ImageFormatKind.Jpeg => "jpg",
        ImageFormatKind.Png => "png",
        _ => "webp",
    };
}
