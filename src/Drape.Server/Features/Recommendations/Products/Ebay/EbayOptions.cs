using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>
/// <c>Drape:Ebay</c>: the eBay Browse API product source. Without both <see cref="ClientId"/> and
/// <see cref="ClientSecret"/> the source is disabled (skipped, not failed).
/// </summary>
public sealed class EbayOptions
{
    public const string Section = "Drape:Ebay";

    /// <summary>The application's OAuth client id (eBay developer keyset, "App ID").</summary>
    public string? ClientId { get; set; }

    /// <summary>The application's OAuth client secret ("Cert ID").</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Sent as <c>X-EBAY-C-MARKETPLACE-ID</c>: EBAY_US, EBAY_GB, EBAY_DE, …</summary>
    [Required]
    [RegularExpression("^EBAY_[A-Z_]{2,16}$", ErrorMessage = "must be an eBay marketplace id such as EBAY_US")]
    public string Marketplace { get; set; } = "EBAY_US";

    /// <summary>The API's root; the sandbox is <c>https://api.sandbox.ebay.com</c>.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://api.ebay.com";

    /// <summary>Sent as <c>category_ids</c> (comma-separated; empty for every category). 11450 is Clothing, Shoes &amp; Accessories.</summary>
    [RegularExpression("^([0-9]+(,[0-9]+)*)?$", ErrorMessage = "must be eBay category ids separated by commas")]
    public string CategoryIds { get; set; } = "11450";

    /// <summary>The most one search (all its attempts and back-off) may take.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Failed attempts in a row (no success between them) that open the circuit breaker.</summary>
    [Range(2, 1000)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker answers at once without calling eBay, before one trial call.</summary>
    [Range(1, 3600)]
    public int BreakerPauseSeconds { get; set; } = 30;

    /// <summary>First retry's back-off (then doubled, with jitter); 0 retries at once.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>True when both credentials are set.</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    internal Uri Endpoint(string relativePath) => new(BaseUrl.TrimEnd('/') + relativePath, UriKind.Absolute);
}
