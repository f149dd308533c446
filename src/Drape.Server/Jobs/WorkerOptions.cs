using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Jobs;

/// <summary><c>Drape:Workers</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Drape:Workers";

    /// <summary>In-process worker loops; 0 = none (<c>drape serve --no-workers</c>). Defaults to the core count.</summary>
    [Range(0, 256)]
    public int Count { get; set; } = Environment.ProcessorCount;
}
