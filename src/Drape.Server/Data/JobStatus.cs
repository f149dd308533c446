namespace Drape.Server.Data;

/// <summary><c>created → processing → completed | failed | canceled</c>, plus <c>expired</c> (DESIGN.md §6).</summary>
public enum JobStatus
{
    Created,
    Processing,
    Completed,
    Failed,
    Canceled,
    Expired,
}

public static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled or JobStatus.Expired;

    /// <summary>The wire name (snake_case, as in every JSON body).</summary>
    public static string ToWire(this JobStatus status) => status.ToString().ToLowerInvariant();
}

public static class JobKinds
{
    public const string TryOn = "tryon";
}
