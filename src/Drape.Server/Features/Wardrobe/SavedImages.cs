using System.Security.Claims;
using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Features.TryOn;
using Drape.Server.Security;
using Drape.Server.Storage;
using Drape.Server.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Wardrobe;

/// <summary>
/// Saved garments and avatars used by reference (<c>garment_id</c>, <c>person_id</c>, <c>avatar_id</c>, <c>garment_ids</c>):
/// the caller's own only — another user's id is 404 <c>RES_6001</c>, as if it did not exist; anonymous callers have none.
/// </summary>
public sealed class SavedImages(DrapeDbContext db, IBlobStore blobs, IOptions<UploadOptions> uploads)
{
    /// <summary>Parses an id field; a malformed one is a field error and null.</summary>
    public static Guid? ParseId(string? value, string field, Validation errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParse(value.Trim(), out var id))
        {
            return id;
        }

        errors.Add(field, "must be an id");
        return null;
    }

    /// <summary>Ids from a repeated or comma-separated field; each malformed one is a field error.</summary>
    public static List<Guid> ParseIds(IEnumerable<string> values, string field, Validation errors) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(v => ParseId(v, field, errors)).OfType<Guid>().ToList();

    public async Task<ValidatedImage> GarmentAsync(Guid id, string field, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var garment = userId is null ? null : await db.Garments.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id && g.UserId == userId, cancellationToken);
        return garment is null
            ? throw DrapeException.NotFound($"The garment {id} in {field}")
            : await LoadAsync(garment.OriginalKey, field, id, cancellationToken);
    }

    public async Task<ValidatedImage> AvatarAsync(Guid id, string field, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var avatar = userId is null ? null : await db.Avatars.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.UserId == userId, cancellationToken);
        return avatar is null
            ? throw DrapeException.NotFound($"The avatar {id} in {field}")
            : await LoadAsync(avatar.ImageKey, field, id, cancellationToken);
    }

    private async Task<ValidatedImage> LoadAsync(string key, string field, Guid id, CancellationToken cancellationToken)
    {
        var data = await blobs.ReadAllBytesAsync(key, cancellationToken)
            ?? throw new DrapeException(ErrorCodes.Storage, 503, $"The stored image of {field} is missing; run `drape storage check`.");
        return new ValidatedImage(field, data, ImageUploadDecoder.Inspect(data, BlobKeys.ContentTypeFor(key), field, uploads.Value.Limits), id);
    }
}
