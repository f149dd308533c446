using System.Globalization;
using Drape.Server.Errors;
using Drape.Server.Features.TryOn;
using Drape.Server.Uploads;
using Drape.Imaging.Decoding;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Recommendations;

/// <summary>A validated recommendation request.</summary>
public sealed record RecommendInput(ValidatedImage UserPhoto, IReadOnlyList<ValidatedImage> Wardrobe, ProfileInput? Profile, int MaxResults);

/// <summary>
/// Reads <c>POST /api/v1/recommend</c>: multipart (photos and/or saved ids) or JSON with references only
/// (<see cref="RecommendJson"/>). Every problem is one 422 listing each field.
/// </summary>
public sealed class RecommendRequestReader(MultipartFormReader forms, IOptions<UploadOptions> uploads, Wardrobe.SavedImages saved)
{
    public const int MaxWardrobe = 10;
    private static readonly string[] Fields = ["user_photo", "avatar_id", "wardrobe_images", "garment_ids", "profile", "max_results"];

    public async Task<RecommendInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, cancellationToken);
        }

        var form = await forms.ReadAsync(request, MaxWardrobe + 1, cancellationToken);
        var errors = new Validation();
        errors.RejectUnknown(form.Names, Fields);

        var avatarId = Wardrobe.SavedImages.ParseId(form.Field("avatar_id"), "avatar_id", errors);
        if (form.File("user_photo") is null && form.Field("avatar_id") is null)
        {
            errors.Add("user_photo", form.Field("user_photo") is null ? "is required (or avatar_id, a saved photo)" : "must be a file");
        }
        else if (form.File("user_photo") is not null && form.Field("avatar_id") is not null)
        {
            errors.Add("avatar_id", "give user_photo or avatar_id, not both");
        }

        var wardrobe = form.FilesOf("wardrobe_images");
        var garmentIds = Wardrobe.SavedImages.ParseIds(form.FieldValues("garment_ids"), "garment_ids", errors);
        if (wardrobe.Count + garmentIds.Count > MaxWardrobe)
        {
            errors.Add("wardrobe_images", $"at most {MaxWardrobe} wardrobe items (images and garment_ids together)");
        }

        var maxResults = 20;
        if (form.Field("max_results") is { } text && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxResults) || maxResults is < 1 or > 50))
        {
            errors.Add("max_results", "must be an integer from 1 to 50");
        }

        var profile = form.Field("profile") is { } json ? JsonBody.ParseField<ProfileInput>(json, "profile", errors) : null;
        if (profile?.Budget is { Min: { } min, Max: { } max } && min > max)
        {
            errors.Add("profile.budget", "min must not be above max");
        }

        errors.ThrowIfInvalid();
        var user = request.HttpContext.User;
        var photo = form.File("user_photo") is { } file ? Inspect(file, "user_photo") : await saved.AvatarAsync(avatarId!.Value, "avatar_id", user, cancellationToken);
        var items = wardrobe.Select(w => Inspect(w, "wardrobe_images")).ToList();
        foreach (var id in garmentIds)
        {
            items.Add(await saved.GarmentAsync(id, "garment_ids", user, cancellationToken));
        }

        return new RecommendInput(photo, items, profile, maxResults);
    }

    private async Task<RecommendInput> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RecommendJson>(request, cancellationToken);
        var errors = new Validation();
        if (body.Profile?.Budget is { Min: { } min, Max: { } max } && min > max)
        {
            errors.Add("profile.budget", "min must not be above max");
        }

        errors.ThrowIfInvalid();
        var user = request.HttpContext.User;
        var photo = await saved.AvatarAsync(body.AvatarId!.Value, "avatar_id", user, cancellationToken);
        var items = new List<ValidatedImage>();
        foreach (var id in body.GarmentIds ?? [])
        {
            items.Add(await saved.GarmentAsync(id, "garment_ids", user, cancellationToken));
        }

        return new RecommendInput(photo, items, body.Profile, body.MaxResults ?? 20);
    }

    private ValidatedImage Inspect(UploadedFile file, string field) =>
        new(field, file.Data, ImageUploadDecoder.Inspect(file.Data, file.ContentType, field, uploads.Value.Limits));
}

/// <summary>The JSON form of <c>POST /api/v1/recommend</c>: saved images by id (upload photos with multipart instead).</summary>
public sealed class RecommendJson
{
    [System.ComponentModel.DataAnnotations.Required]
    public Guid? AvatarId { get; init; }

    [System.ComponentModel.DataAnnotations.MaxLength(RecommendRequestReader.MaxWardrobe)]
    public List<Guid>? GarmentIds { get; init; }

    public ProfileInput? Profile { get; init; }

    [System.ComponentModel.DataAnnotations.Range(1, 50)]
    public int? MaxResults { get; init; }
}
