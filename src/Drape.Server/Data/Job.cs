namespace Drape.Server.Data;

/// <summary>
/// One row of the <c>jobs</c> table (DESIGN.md §6): every asynchronous piece of work — try-on sessions today,
/// headshots, 3D and generation later — is a job claimed by a worker under a lease.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }

    /// <summary>What the job does, e.g. <see cref="JobKinds.TryOn"/>; selects the handler.</summary>
    public required string Kind { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Created;

    /// <summary>0–100, written by the handler at its checkpoints.</summary>
    public int Progress { get; set; }

    public string? UserId { get; set; }

    /// <summary>Groups the sessions of one batch request; null for a single session.</summary>
    public Guid? BatchId { get; set; }

    /// <summary>Handler input (JSON): blob keys of the uploads and the request's options.</summary>
    public required string Input { get; set; }

    /// <summary>Handler output (JSON) once completed.</summary>
    public string? Output { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = 3;

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    /// <summary>A retried job is not claimed before this time (backoff).</summary>
    public DateTime NotBefore { get; set; }

    /// <summary>Set by a cancel request; the running worker stops at its next checkpoint.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c>, scoped to its caller (<c>user:{id}|key</c> or <c>anonymous|key</c>); unique.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request (fields and file bytes), to tell a replay from a key reused with another body.</summary>
    public string? RequestHash { get; set; }

    public string? WebhookUrl { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
