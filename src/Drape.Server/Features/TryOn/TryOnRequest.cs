using Drape.Imaging.Decoding;

namespace Drape.Server.Features.TryOn;

/// <summary>A validated try-on request: decoded images and checked fields. One garment, or up to ten for a batch.</summary>
public sealed record TryOnRequest(
    DecodedImage Person,
    IReadOnlyList<DecodedImage> Garments,
    IReadOnlyList<string> Categories,
    string? Description,
    int Seed,
    string? WebhookUrl,
    string RequestHash) : IDisposable
{
    public void Dispose()
    {
        Person.Dispose();
        foreach (var garment in Garments)
        {
            garment.Dispose();
        }
    }
}
