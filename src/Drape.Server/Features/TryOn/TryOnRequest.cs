using Drape.Imaging.Decoding;

namespace Drape.Server.Features.TryOn;

/// <summary>An upload that passed every check that needs no pixels (<see cref="ImageUploadDecoder.Inspect"/>).</summary>
/// <param name="SourceId">The saved garment or avatar the image came from, when the request named one by id.</param>
public sealed record ValidatedImage(string Field, byte[] Data, ImageHeader Header, Guid? SourceId = null)
{
    public string ContentType => Header.Format.MimeType();

    /// <summary>The full decode: upright pixels, no metadata. Corrupt data found only now is 400 <c>VAL_2004</c>.</summary>
    public DecodedImage Decode(ImageLimits limits) => ImageUploadDecoder.Decode(Data, ContentType, Field, limits);
}

/// <summary>A validated try-on request: checked fields and images. One garment, or up to ten for a batch.</summary>
/// <param name="Engine">The engine to run (the request's <c>engine</c> field, or the configured default).</param>
public sealed record TryOnRequest(
    ValidatedImage Person,
    IReadOnlyList<ValidatedImage> Garments,
    IReadOnlyList<string> Categories,
    string? Description,
    int Seed,
    string? WebhookUrl,
    string RequestHash,
    string Engine);
