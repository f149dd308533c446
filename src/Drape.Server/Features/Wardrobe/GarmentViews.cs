using Drape.Server.Data;
using Drape.Server.Storage;

namespace Drape.Server.Features.Wardrobe;

/// <summary>Rows to views, with signed URLs for the request.</summary>
public sealed class GarmentViews(FileUrlSigner signer)
{
    public GarmentView From(Garment g, HttpRequest request) => new(
        g.Id, g.UserId, g.Category, g.Name, g.Tags, g.Brand, g.Notes,
        g.Colours.Select(c => new ColourView(c.Hex, c.Name, c.Share)).ToList(),
        signer.SignUrl(g.OriginalKey, request), signer.SignUrl(g.CutoutKey, request), signer.SignUrl(g.ThumbnailKey, request),
        g.Width, g.Height, g.CreatedAt, g.UpdatedAt);
}
