namespace Drape.Server.Data;

/// <summary>One produced try-on image (<c>tryon_results</c>): from a session job or a synchronous request.</summary>
public sealed class TryOnResult
{
    public Guid Id { get; set; }

    public Guid? JobId { get; set; }

    public string? UserId { get; set; }

    public required string Category { get; set; }

    public required string Engine { get; set; }

    /// <summary>Set when the engine asked for failed and the built-in engine made this result instead (why).</summary>
    public string? DegradedReason { get; set; }

    /// <summary>The saved garment used, when the request named one (<c>garment_id</c>).</summary>
    public Guid? GarmentId { get; set; }

    /// <summary>The saved avatar used, when the request named one (<c>person_id</c>).</summary>
    public Guid? AvatarId { get; set; }

    public string? PersonBlobKey { get; set; }

    public string? GarmentBlobKey { get; set; }

    public required string ResultBlobKey { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long DurationMs { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
