using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Jobs;

/// <summary><c>Drape:Jobs</c>: the rules of DESIGN.md §6.</summary>
public sealed class JobOptions
{
    public const string Section = "Drape:Jobs";

    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a claim lasts without renewal; a killed worker's job is claimable again after this.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>A job running longer fails with <c>ML_4005</c>.</summary>
    [Range(1, 86400)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Sessions and their blobs are deleted this long after creation.</summary>
    [Range(1, 24 * 365)]
    public int RetentionHours { get; set; } = 24;

    /// <summary>How often an idle worker looks for work that other processes queued.</summary>
    [Range(50, 60000)]
    public int PollMilliseconds { get; set; } = 500;

    [Range(1, 1440)]
    public int CleanupIntervalMinutes { get; set; } = 60;

    /// <summary>Temp uploads of failed or abandoned requests older than this are deleted (checked at the same pace).</summary>
    [Range(1, 1440)]
    public int TempUploadMinutes { get; set; } = 15;
}
