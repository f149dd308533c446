using Drape.Server.Features.Recommendations.Products.Ebay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Drape.Server.Tests.Recommendations.Ebay;

/// <summary><c>Drape:Ebay</c>: defaults and validation with the full key in the message.</summary>
public sealed class EbayOptionsTests
{
    [Fact]
    public async Task Defaults_match_the_documented_table()
    {
        await using var host = new EbayTestHost(null, new() { ["Drape:Ebay:BaseUrl"] = null, ["Drape:Ebay:RetryBaseDelayMs"] = null }, credentials: false);

        var options = host.Services.GetRequiredService<IOptions<EbayOptions>>().Value;

        Assert.Equal(
            ((string?)null, (string?)null, "EBAY_US", "https://api.ebay.com", "11450", 10, 5, 30, 500),
            (options.ClientId, options.ClientSecret, options.Marketplace, options.BaseUrl, options.CategoryIds, options.TimeoutSeconds,
                options.BreakerFailures, options.BreakerPauseSeconds, options.RetryBaseDelayMs));
    }

    [Theory]
    [InlineData("Marketplace", "us")]
    [InlineData("BaseUrl", "api.ebay.com")]
    [InlineData("CategoryIds", "clothing")]
    [InlineData("TimeoutSeconds", "0")]
    [InlineData("BreakerFailures", "1")]
    [InlineData("BreakerPauseSeconds", "0")]
    [InlineData("RetryBaseDelayMs", "-1")]
    public async Task A_bad_value_fails_with_its_full_key(string key, string value)
    {
        await using var host = new EbayTestHost(null, new() { ["Drape:Ebay:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<EbayOptions>>().Value);

        Assert.Contains("Drape:Ebay:" + key + ":", error.Message, StringComparison.Ordinal);
    }
}
