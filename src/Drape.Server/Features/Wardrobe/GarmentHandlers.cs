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

internal static class GarmentHandlers
{
    private static readonly string[] UploadFields = ["image", "category", "name", "tags", "brand", "notes"];
    private static readonly string[] Categories = ["upper", "lower", "dress", "auto"];

    public static async Task<Created<GarmentView>> Upload(
        HttpRequest request, ClaimsPrincipal user, MultipartFormReader forms, TextSanitizer text, DrapeDbContext db, IBlobStore blobs,
        GarmentViews views, TimeProvider time, IOptions<UploadOptions> uploads, CancellationToken cancellationToken)
    {
        var form = await forms.ReadAsync(request, 1, cancellationToken);
        var errors = new Validation();
        errors.RejectUnknown(form.Names, UploadFields);

        var file = form.File("image");
        if (file is null)
        {
            errors.Add("image", form.Field("image") is null ? "is required" : "must be a file");
        }

        var category = form.Field("category")?.Trim().ToLowerInvariant() ?? "auto";
        if (!Categories.Contains(category))
        {
            errors.Add("category", "must be upper, lower, dress or auto");
        }

        var name = Text(form.Field("name"), "name", 120, text, errors);
        var brand = Text(form.Field("brand"), "brand", 80, text, errors);
        var notes = Text(form.Field("notes"), "notes", 1000, text, errors);
        var tags = Tags(form.FieldValues("tags"), text, errors);
        errors.ThrowIfInvalid();

        var header = ImageUploadDecoder.Inspect(file!.Data, file.ContentType, "image", uploads.Value.Limits);
        using var photo = ImageUploadDecoder.Decode(file.Data, file.ContentType, "image", uploads.Value.Limits);
        var processed = await Task.Run(() => GarmentImages.Process(photo, category), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var garment = new Garment
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserId = user.UserId()!,
            Category = processed.Category,
            Name = name,
            Tags = tags,
            Brand = brand,
            Notes = notes,
            Colours = processed.Colours,
            PrimaryColour = processed.Colours.FirstOrDefault()?.Name,
            OriginalKey = string.Empty,
            CutoutKey = string.Empty,
            ThumbnailKey = string.Empty,
            Width = processed.Width,
            Height = processed.Height,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var extension = header.Format.MimeType() switch { "image/png" => "png", "image/webp" => "webp", _ => "jpg" };
        (garment.OriginalKey, garment.CutoutKey, garment.ThumbnailKey) =
            (BlobKeys.GarmentFile(garment.Id, $"original.{extension}"), BlobKeys.GarmentFile(garment.Id, "cutout.png"), BlobKeys.GarmentFile(garment.Id, "thumbnail.webp"));

        // Blobs first (all or none), then the row; if the row cannot be written the blobs go again.
        await GarmentImages.PutAllAsync(blobs, [(garment.OriginalKey, photo.Format == ImageFormatKind.Png ? ImageEncoding.EncodePng(photo.Bitmap) : Reencode(photo), header.Format.MimeType()),
            (garment.CutoutKey, processed.Cutout, "image/png"), (garment.ThumbnailKey, processed.Thumbnail, "image/webp")], cancellationToken);
        try
        {
            db.Garments.Add(garment);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await blobs.DeletePrefixAsync(BlobKeys.GarmentFolder(garment.Id), CancellationToken.None);
            throw;
        }

        return TypedResults.Created($"/api/v1/garments/{garment.Id}", views.From(garment, request));
    }

    public static async Task<Ok<GarmentView>> Get(string id, ClaimsPrincipal user, DrapeDbContext db, GarmentViews views, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(views.From(await OwnAsync(id, user, db, cancellationToken), request));

    public static async Task<Ok<GarmentView>> Patch(string id, HttpRequest request, ClaimsPrincipal user, DrapeDbContext db, TextSanitizer text, GarmentViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        var patch = await JsonBody.ReadAsync<GarmentPatch>(request, cancellationToken);
        var garment = await OwnAsync(id, user, db, cancellationToken);
        var errors = new Validation();
        if (patch.Name is not null)
        {
            garment.Name = Text(patch.Name, "name", 120, text, errors);
        }

        if (patch.Tags is not null)
        {
            garment.Tags = Tags(patch.Tags, text, errors);
        }

        errors.ThrowIfInvalid();
        if (patch.Category is { } category)
        {
            garment.Category = category.ToString().ToLowerInvariant();
        }

        garment.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(views.From(garment, request));
    }

    /// <summary>The row first, then its blobs: no row ever points at a deleted blob.</summary>
    public static async Task<NoContent> Delete(string id, ClaimsPrincipal user, DrapeDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var garment = await OwnAsync(id, user, db, cancellationToken);
        db.Garments.Remove(garment);
        await db.SaveChangesAsync(cancellationToken);
        await blobs.DeletePrefixAsync(BlobKeys.GarmentFolder(garment.Id), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's garment, or 404 <c>RES_6001</c> — also for another user's, so its existence does not show.</summary>
    internal static async Task<Garment> OwnAsync(string id, ClaimsPrincipal user, DrapeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        if (!Guid.TryParse(id, out var garmentId) || userId is null)
        {
            throw DrapeException.NotFound("The garment");
        }

        return await db.Garments.SingleOrDefaultAsync(g => g.Id == garmentId && (g.UserId == userId || user.IsAdmin()), cancellationToken)
            ?? throw DrapeException.NotFound("The garment");
    }

    private static byte[] Reencode(DecodedImage photo) => photo.Format switch
    {
        ImageFormatKind.Webp => ImageEncoding.EncodeWebp(photo.Bitmap, 92),
        _ => ImageEncoding.EncodeJpeg(photo.Bitmap, 92),
    };

    private static string? Text(string? value, string field, int max, TextSanitizer text, Validation errors)
    {
        if (value is null)
        {
            return null;
        }

        var clean = text.Clean(value).Trim();
        if (clean.Length > max)
        {
            errors.Add(field, $"is {clean.Length} characters; at most {max} are allowed");
        }

        return clean.Length == 0 ? null : clean;
    }

    private static List<string> Tags(IEnumerable<string> values, TextSanitizer text, Validation errors)
    {
        var tags = values.SelectMany(v => v.Split(',')).Select(t => text.Clean(t).Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > 20 || tags.Any(t => t.Length > 30))
        {
            errors.Add("tags", "at most 20 tags of at most 30 characters each");
        }

        return tags;
    }
}
