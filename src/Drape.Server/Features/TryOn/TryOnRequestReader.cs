using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Drape.Imaging.Decoding;
using Drape.Server.Errors;
using Drape.Server.Security;
using Drape.Server.Uploads;
using Drape.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.TryOn;

/// <summary>
/// Reads and validates a try-on form completely — fields first (one 422 listing every bad field), then both images
/// through the upload decoder — before anything is stored, so a rejected request leaves nothing behind.
/// </summary>
public sealed class TryOnRequestReader(MultipartFormReader forms, IOptions<UploadOptions> uploads, IOptions<WebhookOptions> webhooks, TextSanitizer text, Wardrobe.SavedImages saved, Engines.TryOnEngines engines)
{
    public const int MaxDescription = 500;
    public const int MaxBatchGarments = 10;

    private static readonly string[] SingleFields = ["person_image", "person_id", "garment_image", "garment_id", "category", "garment_description", "seed", "webhook_url", "engine"];
    private static readonly string[] BatchFields = ["person_image", "person_id", "garment_images", "garment_ids", "categories", "garment_description", "seed", "webhook_url", "engine"];

    public Task<TryOnRequest> ReadSingleAsync(HttpRequest request, bool allowWebhook, CancellationToken cancellationToken) =>
        ReadAsync(request, batch: false, allowWebhook, cancellationToken);

    public Task<TryOnRequest> ReadBatchAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, batch: true, allowWebhook: true, cancellationToken);

    private async Task<TryOnRequest> ReadAsync(HttpRequest request, bool batch, bool allowWebhook, CancellationToken cancellationToken)
    {
        var form = await forms.ReadAsync(request, batch ? MaxBatchGarments + 1 : 2, cancellationToken);
        var errors = new Validation();
        var known = batch ? BatchFields : SingleFields.Where(f => allowWebhook || f != "webhook_url").ToArray();
        errors.RejectUnknown(form.Names, known);

        var garmentField = batch ? "garment_images" : "garment_image";
        var garmentIdField = batch ? "garment_ids" : "garment_id";
        var personId = Wardrobe.SavedImages.ParseId(form.Field("person_id"), "person_id", errors);
        if (form.File("person_image") is null && form.Field("person_id") is null)
        {
            errors.Add("person_image", form.Field("person_image") is null ? "is required (or person_id, a saved avatar)" : "must be a file");
        }
        else if (form.File("person_image") is not null && form.Field("person_id") is not null)
        {
            errors.Add("person_id", "give person_image or person_id, not both");
        }

        if (form.FilesOf("person_image").Count > 1)
        {
            errors.Add("person_image", "must be given once");
        }

        var garmentFiles = form.FilesOf(garmentField);
        var garmentIds = Wardrobe.SavedImages.ParseIds(form.FieldValues(garmentIdField), garmentIdField, errors);
        if (garmentFiles.Count > 0 && form.FieldValues(garmentIdField).Count > 0)
        {
            errors.Add(garmentIdField, $"give {garmentField} or {garmentIdField}, not both");
        }
        else if (garmentFiles.Count == 0 && form.FieldValues(garmentIdField).Count == 0)
        {
            errors.Add(garmentField, $"is required (or {garmentIdField}, saved garments)");
        }
        else if (!batch && garmentIds.Count > 1)
        {
            errors.Add(garmentIdField, "must be given once (use /api/v1/process-tryon-batch for several garments)");
        }
        else if (!batch && garmentFiles.Count > 1)
        {
            errors.Add(garmentField, "must be given once (use /api/v1/process-tryon-batch for several garments)");
        }

        var garmentCount = Math.Max(garmentFiles.Count, garmentIds.Count);
        var categories = ReadCategories(form, batch, garmentCount, errors);
        var description = form.Field("garment_description");
        if (description is not null)
        {
            description = text.Clean(description);
            if (description.Length > MaxDescription)
            {
                errors.Add("garment_description", $"is {description.Length} characters; at most {MaxDescription} are allowed");
            }
        }

        var seed = 0;
        if (form.Field("seed") is { } seedText && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            errors.Add("seed", "must be an integer");
        }

        var engine = form.Field("engine") ?? engines.Default;
        if (engines.Problem(engine) is { } engineProblem)
        {
            errors.Add("engine", engineProblem);
        }

        var webhook = form.Field("webhook_url");
        if (webhook is not null && !IsAcceptableWebhook(webhook))
        {
            errors.Add("webhook_url", webhooks.Value.AllowInsecureUrls ? "must be an absolute http(s) URL" : "must be an absolute https URL");
        }

        errors.ThrowIfInvalid();

        var user = request.HttpContext.User;
        var person = form.File("person_image") is { } personFile
            ? Inspect(personFile, "person_image")
            : await saved.AvatarAsync(personId!.Value, "person_id", user, cancellationToken);
        var garments = garmentFiles.Select(g => Inspect(g, garmentField)).ToList();
        foreach (var id in garmentIds)
        {
            garments.Add(await saved.GarmentAsync(id, garmentIdField, user, cancellationToken));
        }

        return new TryOnRequest(person, garments, categories, description, seed, webhook, Hash(form), engine);
    }

    private ValidatedImage Inspect(UploadedFile file, string field) =>
        new(field, file.Data, ImageUploadDecoder.Inspect(file.Data, file.ContentType, field, uploads.Value.Limits));

    private static List<string> ReadCategories(MultipartForm form, bool batch, int garments, Validation errors)
    {
        if (!batch)
        {
            var category = form.Field("category") ?? TryOnCategories.Auto;
            if (!TryOnCategories.IsValid(category))
            {
                errors.Add("category", $"must be one of {string.Join(", ", TryOnCategories.All)}");
            }

            return [category];
        }

        var given = form.FieldValues("categories").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (garments > MaxBatchGarments)
        {
            errors.Add("garment_images", $"at most {MaxBatchGarments} garments per batch");
        }

        if (given.Count == 0)
        {
            return Enumerable.Repeat(TryOnCategories.Auto, garments).ToList();
        }

        if (given.Count != garments)
        {
            errors.Add("categories", $"has {given.Count} values for {garments} garments");
        }

        if (given.Any(c => !TryOnCategories.IsValid(c)))
        {
            errors.Add("categories", $"each must be one of {string.Join(", ", TryOnCategories.All)}");
        }

        return given;
    }

    private bool IsAcceptableWebhook(string value) =>
        value.Length <= 2048
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (webhooks.Value.AllowInsecureUrls && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>SHA-256 over every field and every file's bytes, in a stable order: the request's identity for idempotency.</summary>
    private static string Hash(MultipartForm form)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, values) in form.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var value in values)
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"f:{name}={value}\n"));
            }
        }

        foreach (var (name, files) in form.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var file in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"b:{name}:{file.ContentType}:"));
                hash.AppendData(SHA256.HashData(file.Data));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
