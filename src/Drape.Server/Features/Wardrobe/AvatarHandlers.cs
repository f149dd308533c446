using System.Security.Claims;
using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Security;
using Drape.Server.Storage;
using Drape.Server.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Wardrobe;

/// <summary>A saved person photo, usable as <c>person_id</c>.</summary>
public sealed record AvatarView(Guid Id, string? Name, string ImageUrl, string ThumbnailUrl, int Width, int Height, DateTime CreatedAt);

/// <summary>Documents the multipart body of <c>POST /api/v1/avatars</c>.</summary>
public sealed class AvatarUploadForm
{
    [Docs.FormFile]
    [System.ComponentModel.Description("Photo of the person (JPEG, PNG or WebP, ≤ 10 MB)")]
    public required object Image { get; init; }

    [System.ComponentModel.Description("≤ 120 characters")]
    public string? Name { get; init; }
}

internal static class AvatarHandlers
{
    public static async Task<Created<AvatarView>> Upload(
        HttpRequest request, ClaimsPrincipal user, MultipartFormReader forms, TextSanitizer text, DrapeDbContext db, IBlobStore blobs,
        FileUrlSigner signer, TimeProvider time, IOptions<UploadOptions> uploads, CancellationToken cancellationToken)
    {
        var form = await forms.ReadAsync(request, 1, cancellationToken);
        var errors = new Validation();
        errors.RejectUnknown(form.Names, ["image", "name"]);

        var file = form.File("image");
        if (file is null)
        {
            errors.Add("image", form.Field("image") is null ? "is required" : "must be a file");
        }

        var name = form.Field("name") is { } raw ? text.Clean(raw).Trim() : null;
        if (name is { Length: > 120 })
        {
            errors.Add("name", "at most 120 characters");
        }

        errors.ThrowIfInvalid();
        using var photo = ImageUploadDecoder.Decode(file!.Data, file.ContentType, "image", uploads.Value.Limits);
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var (bytes, contentType, extension) = photo.Format == ImageFormatKind.Png
            ? (ImageEncoding.EncodePng(photo.Bitmap), "image/png", "png")
            : (ImageEncoding.EncodeJpeg(photo.Bitmap, 92), "image/jpeg", "jpg");
        var avatar = new Avatar
        {
            Id = id,
            UserId = user.UserId()!,
            Name = string.IsNullOrEmpty(name) ? null : name,
            ImageKey = BlobKeys.AvatarFile(id, $"image.{extension}"),
            ContentType = contentType,
            ThumbnailKey = BlobKeys.AvatarFile(id, "thumbnail.webp"),
            Width = photo.Width,
            Height = photo.Height,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await GarmentImages.PutAllAsync(blobs, [(avatar.ImageKey, bytes, contentType), (avatar.ThumbnailKey, GarmentImages.Thumbnail(photo.Bitmap), "image/webp")], cancellationToken);
        try
        {
            db.Avatars.Add(avatar);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await blobs.DeletePrefixAsync(BlobKeys.AvatarFolder(id), CancellationToken.None);
            throw;
        }

        return TypedResults.Created($"/api/v1/avatars/{id}", View(avatar, signer, request));
    }

    public static async Task<Ok<List<AvatarView>>> List(ClaimsPrincipal user, DrapeDbContext db, FileUrlSigner signer, HttpRequest request, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var avatars = await db.Avatars.AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(avatars.Select(a => View(a, signer, request)).ToList());
    }

    public static async Task<Ok<AvatarView>> Get(string id, ClaimsPrincipal user, DrapeDbContext db, FileUrlSigner signer, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(View(await OwnAsync(id, user, db, cancellationToken), signer, request));

    public static async Task<NoContent> Delete(string id, ClaimsPrincipal user, DrapeDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var avatar = await OwnAsync(id, user, db, cancellationToken);
        db.Avatars.Remove(avatar);
        await db.SaveChangesAsync(cancellationToken);
        await blobs.DeletePrefixAsync(BlobKeys.AvatarFolder(avatar.Id), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Avatar> OwnAsync(string id, ClaimsPrincipal user, DrapeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        if (!Guid.TryParse(id, out var avatarId) || userId is null)
        {
            throw DrapeException.NotFound("The avatar");
        }

        return await db.Avatars.SingleOrDefaultAsync(a => a.Id == avatarId && (a.UserId == userId || user.IsAdmin()), cancellationToken)
            ?? throw DrapeException.NotFound("The avatar");
    }

    private static AvatarView View(Avatar a, FileUrlSigner signer, HttpRequest request) =>
        new(a.Id, a.Name, signer.SignUrl(a.ImageKey, request), signer.SignUrl(a.ThumbnailKey, request), a.Width, a.Height, a.CreatedAt);
}
