
namespace Drape.Server.Features.TryOn;

/// <summary>A try-on session as every endpoint, event and webhook shows it.</summary>
public sealed record SessionView(
    Guid Id,
    string Status,
    int Progress,
    string Category,
    string Engine,
    SessionResult? Result,
    SessionError? Error,
    Guid? BatchId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime ExpiresAt,
    string StatusUrl,
    string EventsUrl);

/// <param name="ImageUrl">A signed, time-limited URL of the PNG result.</param>
/// <param name="Degraded">True when the engine asked for failed and the built-in engine made this result instead.</param>
/// <param name="DegradedReason">Why, when degraded.</param>
public sealed record SessionResult(Guid ResultId, string ImageUrl, int Width, int Height, long DurationMs, string Category, string Engine, bool Degraded, string? DegradedReason);

public sealed record SessionError(string ErrorCode, string Message);

/// <summary>The answer of <c>POST /api/v1/process-tryon</c> (JSON form).</summary>
public sealed record SyncTryOnResponse(Guid ResultId, string ImageUrl, int Width, int Height, long DurationMs, string Engine, string Category, bool Degraded, string? DegradedReason);

public sealed record BatchView(Guid BatchId, string Status, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<SessionView> Sessions, string StatusUrl);

/// <summary>What a try-on job carries in <c>jobs.input</c>.</summary>
public sealed record TryOnJobInput(string PersonKey, string GarmentKey, string Category, int Seed, string? Description, string Engine, Guid? GarmentId = null, Guid? AvatarId = null);

/// <summary>What a completed try-on job carries in <c>jobs.output</c>.</summary>
/// <param name="DegradedReason">Set when a fallback engine made the result (see <see cref="Engines.TryOnEngines"/>).</param>
public sealed record TryOnJobOutput(Guid ResultId, string BlobKey, int Width, int Height, long DurationMs, string Category, string Engine, string? DegradedReason = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Degraded => DegradedReason is not null;
}

/// <summary>Documents the multipart body of the try-on endpoints (they stream it; see <c>MultipartFormReader</c>).</summary>
public sealed class TryOnForm
{
    [Docs.FormFile]
    [System.ComponentModel.Description("Photo of the person (JPEG, PNG or WebP, ≤ 10 MB, ≤ 40 MP)")]
    public object? PersonImage { get; init; }

    [System.ComponentModel.Description("Instead of person_image: a saved avatar's id")]
    public string? PersonId { get; init; }

    [Docs.FormFile]
    [System.ComponentModel.Description("Product photo of the garment (JPEG, PNG or WebP, ≤ 10 MB, ≤ 40 MP)")]
    public object? GarmentImage { get; init; }

    [System.ComponentModel.Description("Instead of garment_image: a saved garment's id")]
    public string? GarmentId { get; init; }

    [System.ComponentModel.Description("upper, lower, dress or auto (default: auto, decided from the garment's shape)")]
    public string? Category { get; init; }

    [System.ComponentModel.DataAnnotations.MaxLength(500)]
    [System.ComponentModel.Description("Free text about the garment, ≤ 500 characters")]
    public string? GarmentDescription { get; init; }

    [System.ComponentModel.Description("Integer seed; the same inputs and seed give the same image")]
    public int? Seed { get; init; }

    [System.ComponentModel.Description("Engine to run: builtin (default unless configured otherwise), oip, fal, replicate or fashn, where configured")]
    public string? Engine { get; init; }

    [System.ComponentModel.DataAnnotations.Url]
    [System.ComponentModel.Description("HTTPS URL that receives the session JSON, signed, when it ends (sessions only)")]
    public string? WebhookUrl { get; init; }
}

/// <summary>Documents the multipart body of <c>POST /api/v1/process-tryon-batch</c>.</summary>
public sealed class TryOnBatchForm
{
    [Docs.FormFile]
    [System.ComponentModel.Description("Photo of the person")]
    public object? PersonImage { get; init; }

    [System.ComponentModel.Description("Instead of person_image: a saved avatar's id")]
    public string? PersonId { get; init; }

    [Docs.FormFile(multiple: true)]
    [System.ComponentModel.Description("1 to 10 garment photos, one part each")]
    public object? GarmentImages { get; init; }

    [System.ComponentModel.Description("Instead of garment_images: saved garments' ids, comma-separated or repeated")]
    public string? GarmentIds { get; init; }

    [System.ComponentModel.Description("Optional: one category per garment, as repeated parts or comma-separated")]
    public string[]? Categories { get; init; }

    [System.ComponentModel.Description("Integer seed")]
    public int? Seed { get; init; }

    [System.ComponentModel.Description("Engine to run: builtin (default unless configured otherwise), oip, fal, replicate or fashn, where configured")]
    public string? Engine { get; init; }

    [System.ComponentModel.DataAnnotations.Url]
    [System.ComponentModel.Description("HTTPS URL notified for each session when it ends")]
    public string? WebhookUrl { get; init; }
}

