using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Engines.Oip;

/// <summary>
/// <c>Drape:Engines:Oip</c>: a remote Open Inference Protocol v2 server (Triton, KServe, MLServer or
/// <c>drape serve --role inference</c>) and which of its models serves each capability (docs/engines/oip.md).
/// </summary>
public sealed class OipOptions : IValidatableObject
{
    public const string Section = "Drape:Engines:Oip";

    /// <summary>The server's root, e.g. <c>http://gpu-1:8000</c>; unset turns the engine and remote models off.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>One call with all its attempts and back-off, in seconds (diffusion try-on takes tens of seconds).</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Each attempt, in seconds; 0 = a third of <see cref="TimeoutSeconds"/>.</summary>
    [Range(0, 3600)]
    public int AttemptTimeoutSeconds { get; set; }

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    [Range(0, 60000)]
    public int RetryBaseDelayMs { get; set; } = 200;

    /// <summary>Failed attempts in a row that open the circuit breaker.</summary>
    [Range(2, 1000)]
    public int BreakerFailures { get; set; } = 5;

    [Range(1, 3600)]
    public int BreakerPauseSeconds { get; set; } = 30;

    /// <summary>Send and ask for tensors with the binary tensor data extension (Triton, Drape); false for JSON only (e.g. MLServer).</summary>
    public bool BinaryData { get; set; } = true;

    public OipModelNames Models { get; set; } = new();

    public Uri? BaseUri => string.IsNullOrWhiteSpace(BaseUrl) ? null : new Uri(BaseUrl.TrimEnd('/') + "/");

    public TimeSpan AttemptTimeout => AttemptTimeoutSeconds > 0
        ? TimeSpan.FromSeconds(Math.Min(AttemptTimeoutSeconds, TimeoutSeconds))
        : Http.ExternalCallPolicy.AttemptFor(TimeSpan.FromSeconds(TimeoutSeconds));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("must be an absolute http or https URL", [nameof(BaseUrl)]);
        }
    }
}

/// <summary>
/// The remote model serving each capability; unset runs that capability in-process. Perception models must keep the
/// tensor contract of Drape's model they replace (names and datatypes; MoveNet's input size is read from the server).
/// </summary>
public sealed class OipModelNames
{
    /// <summary>MoveNet (either size), e.g. <c>movenet-lightning</c>.</summary>
    public string? Pose { get; set; }

    /// <summary>BlazeFace short-range (128 px), e.g. <c>blazeface-front</c>.</summary>
    public string? Face { get; set; }

    /// <summary>BlazeFace full-range (256 px), e.g. <c>blazeface-back</c>.</summary>
    public string? FaceFullRange { get; set; }

    /// <summary>Selfie person segmentation, e.g. <c>selfie</c>.</summary>
    public string? Segmentation { get; set; }

    /// <summary>The try-on model behind the <c>oip</c> engine (docs/engines/oip.md), e.g. <c>idm-vton</c>; <c>tryon-builtin</c> on a Drape node.</summary>
    public string? TryOn { get; set; }

    /// <summary>The remote model standing for a Drape manifest model (name or name:version), or null when it runs here.</summary>
    public string? For(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Split(':', 2)[0];
        var remote = name switch
        {
            "movenet-thunder" or "movenet-lightning" => Pose,
            "blazeface-front" => Face,
            "blazeface-back" => FaceFullRange,
            "selfie" => Segmentation,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(remote) ? null : remote;
    }
}
