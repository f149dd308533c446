using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Engines;

/// <summary><c>Drape:Engines</c>: which engine serves try-on by default, and what happens when a remote one fails.</summary>
public sealed class EngineOptions
{
    public const string Section = "Drape:Engines";

    /// <summary>The engine a request gets when it names none: builtin, oip, fal, replicate or fashn (that engine must be configured).</summary>
    [RegularExpression("^(builtin|oip|fal|replicate|fashn)$", ErrorMessage = "must be one of builtin, oip, fal, replicate, fashn")]
    public string TryOn { get; set; } = TryOnEngines.Builtin;

    /// <summary>When a remote engine fails, times out or its breaker is open, run the built-in engine instead and mark the result degraded.</summary>
    public bool Fallback { get; set; } = true;
}
