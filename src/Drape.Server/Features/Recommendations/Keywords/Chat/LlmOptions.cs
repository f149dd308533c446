using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Features.Recommendations.Keywords.Chat;

/// <summary>
/// <c>Drape:Llm</c>: any OpenAI-compatible chat endpoint with vision (OpenAI, Gemini's OpenAI-compatible endpoint,
/// Ollama, vLLM). Without <see cref="BaseUrl"/> and <see cref="Model"/> the built-in keyword engine answers alone.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Drape:Llm";

    /// <summary>e.g. https://api.openai.com/v1, https://generativelanguage.googleapis.com/v1beta/openai/, http://localhost:11434/v1.</summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    /// <summary>Sent as a bearer token; local servers (Ollama, vLLM) need none.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    [Range(2, 1000)]
    public int BreakerFailures { get; set; } = 5;

    [Range(1, 3600)]
    public int BreakerPauseSeconds { get; set; } = 30;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("must be an absolute http(s) URL", [nameof(BaseUrl)]);
        }

        if (string.IsNullOrWhiteSpace(BaseUrl) != string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("BaseUrl and Model go together: set both or neither", [nameof(Model)]);
        }
    }
}
