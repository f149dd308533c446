using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Engines.Hosted;

/// <summary><c>Drape:Engines:Replicate</c>: try-on through Replicate's predictions API. Off until <see cref="ApiToken"/> is set.</summary>
public sealed class ReplicateOptions : HostedEngineOptions
{
    public const string Section = "Drape:Engines:Replicate";

    /// <summary>The public <c>cuuupid/idm-vton</c> version this was written against (replicate.com/cuuupid/idm-vton/versions).</summary>
    public const string IdmVtonVersion = "0513734a452173b8173e907e3a59d19a36266e55b48528559432bd21c7d7e985";

    /// <summary>A Replicate API token, sent as <c>Authorization: Bearer …</c>.</summary>
    public string? ApiToken { get; set; }

    [Required]
    [Url]
    public override string BaseUrl { get; set; } = "https://api.replicate.com";

    /// <summary>The model version id (64 hex digits) of an IDM-VTON-compatible model (inputs garm_img, human_img, garment_des, category, steps, seed).</summary>
    [Required]
    [RegularExpression("^[0-9a-f]{64}$", ErrorMessage = "must be a Replicate model version id (64 hex digits)")]
    public string Version { get; set; } = IdmVtonVersion;

    /// <summary>Denoising steps (the model's <c>steps</c>, 1–40).</summary>
    [Range(1, 40)]
    public int Steps { get; set; } = 30;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(ApiToken);

    internal override string Credential => ApiToken ?? "";

    /// <summary>Recorded on results: the version's first 12 digits are enough to tell versions apart.</summary>
    internal string ModelId => $"replicate:{Version[..Math.Min(12, Version.Length)]}";
}
