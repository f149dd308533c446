using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Engines.Hosted;

/// <summary><c>Drape:Engines:Fashn</c>: try-on through the FASHN API. Off until <see cref="ApiKey"/> is set.</summary>
public sealed class FashnOptions : HostedEngineOptions
{
    public const string Section = "Drape:Engines:Fashn";

    /// <summary>A FASHN API key, sent as <c>Authorization: Bearer …</c>.</summary>
    public string? ApiKey { get; set; }

    [Required]
    [Url]
    public override string BaseUrl { get; set; } = "https://api.fashn.ai";

    /// <summary>The FASHN model name sent as <c>model_name</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9.-]*$", ErrorMessage = "must be a FASHN model name such as tryon-v1.6")]
    public string ModelName { get; set; } = "tryon-v1.6";

    /// <summary>performance (fastest), balanced or quality (slowest).</summary>
    [Required]
    [RegularExpression("^(performance|balanced|quality)$", ErrorMessage = "must be performance, balanced or quality")]
    public string Mode { get; set; } = "balanced";

    /// <summary>auto, flat-lay or model: how the garment photo was taken.</summary>
    [Required]
    [RegularExpression("^(auto|flat-lay|model)$", ErrorMessage = "must be auto, flat-lay or model")]
    public string GarmentPhotoType { get; set; } = "auto";

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    internal override string Credential => ApiKey ?? "";
}
