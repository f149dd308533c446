using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Webhooks;

/// <summary><c>Drape:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Drape:Webhooks";

    /// <summary>HMAC secret for <c>X-Drape-Signature</c>; generated and kept in <c>&lt;DataDir&gt;/keys</c> when empty.</summary>
    public string? Secret { get; set; }

    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Accept <c>http://</c> webhook URLs (for local development and tests); https only otherwise.</summary>
    public bool AllowInsecureUrls { get; set; }
}
