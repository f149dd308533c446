using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Engines.Hosted;

/// <summary><c>Drape:Engines:Fal</c>: try-on through fal.ai's queue API. Off until <see cref="ApiKey"/> is set.</summary>
public sealed class FalOptions : HostedEngineOptions
{
    public const string Section = "Drape:Engines:Fal";

    /// <summary>A fal key (<c>FAL_KEY</c>), sent as <c>Authorization: Key …</c>.</summary>
    public string? ApiKey { get; set; }

    [Required]
    [Url]
    public override string BaseUrl { get; set; } = "https://queue.fal.run";

    /// <summary>The fal model id: <c>fal-ai/idm-vton</c> or <c>fal-ai/leffa/virtual-tryon</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+$", ErrorMessage = "must be a fal model id such as fal-ai/idm-vton")]
    public string Model { get; set; } = "fal-ai/idm-vton";

    /// <summary>Denoising steps (IDM-VTON's <c>num_inference_steps</c>; Leffa's too).</summary>
    [Range(1, 100)]
    public int Steps { get; set; } = 30;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    internal override string Credential => ApiKey ?? "";
}
