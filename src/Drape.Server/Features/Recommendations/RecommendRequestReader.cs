using System.Globalization;
using Drape.Server.Errors;
using Drape.Server.Features.TryOn;
using Drape.Server.Uploads;
using Drape.Imaging.Decoding;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Recommendations;

/// <summary>A validated recommendation request.</summary>
public sealed record RecommendInput(ValidatedImage UserPhoto, IReadOnlyList<ValidatedImage> Wardrobe, ProfileInput? Profile, int MaxResults);

/// <summary>Reads the multipart body of <c>POST /api/v1/recommend</c>: every problem is one 422 listing each field.</summary>
public sealed class RecommendRequestReader(MultipartFormReader forms, IOptions<UploadOptions> uploads)
{
    public const int MaxWardrobe = 10;
    private static readonly string[] Fields = ["user_photo", "wardrobe_images", "profile", "max_results"];

    public async Task<RecommendInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await forms.ReadAsync(request, MaxWardrobe + 1, cancellationToken);
        var errors = new Validation();
        foreach (var name in form.Names.Where(n => !Fields.Contains(n)))
        {
            errors.Add(name, name is "avatar_id" or "garment_ids"
                ? "is not accepted yet: saved avatars and garments arrive with the wardrobe feature; send the images instead"
                : "is not a field of this endpoint");
        }

        if (form.File("user_photo") is null)
        {
            errors.Add("user_photo", form.Field("user_photo") is null ? "is required" : "must be a file");
        }

        var wardrobe = form.FilesOf("wardrobe_images");
        if (wardrobe.Count > MaxWardrobe)
        {
            errors.Add("wardrobe_images", $"at most {MaxWardrobe} images");
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
        return new RecommendInput(
            Inspect(form.File("user_photo")!, "user_photo"),
            wardrobe.Select(w => Inspect(w, "wardrobe_images")).ToList(),
            profile,
            maxResults);
    }

    private ValidatedImage Inspect(UploadedFile file, string field) =>
        new(field, file.Data, ImageUploadDecoder.Inspect(file.Data, file.ContentType, field, uploads.Value.Limits));
}
