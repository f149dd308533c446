using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>
/// Products from the eBay Browse API (<c>item_summary/search</c>), in the configured clothing categories and budget.
/// Calls go through the <c>ebay</c> resilience pipeline (timeout, retries, circuit breaker); whatever is left of a
/// failure surfaces as <see cref="ProductSourceException"/>.
/// </summary>
public sealed class EbayProductSearch : IProductSearch
{
    public const string SourceName = "ebay";
    public const string ClientName = "ebay";

    /// <summary>The Browse API's largest page.</summary>
    public const int MaxLimit = 50;

    private readonly HttpClient _http;
    private readonly EbayTokenProvider _tokens;
    private readonly EbayOptions _options;

    public EbayProductSearch(HttpClient http, EbayTokenProvider tokens, IOptions<EbayOptions> options)
    {
        _http = http;
        _tokens = tokens;
        _options = options.Value;
    }

    public string Name => SourceName;

    public bool IsEnabled => _options.HasCredentials;

    public async Task<IReadOnlyList<ProductHit>> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!IsEnabled)
        {
            throw new ProductSourceException(SourceName, "not configured (Drape:Ebay:ClientId and ClientSecret).");
        }

        if (string.IsNullOrWhiteSpace(query.Keyword) || query.Limit <= 0)
        {
            return [];
        }

        var uri = EbayRequests.SearchUri(_options, query);
        try
        {
            var token = await _tokens.GetTokenAsync(cancellationToken);
            using var first = await SendAsync(uri, token, cancellationToken);
            if (first.StatusCode != HttpStatusCode.Unauthorized)
            {
                return await ReadAsync(first, query, cancellationToken);
            }

            // The token was revoked or expired early: one retry with a fresh one.
            _tokens.Invalidate(token);
            token = await _tokens.GetTokenAsync(cancellationToken);
            using var second = await SendAsync(uri, token, cancellationToken);
            return await ReadAsync(second, query, cancellationToken);
        }
        catch (Exception e) when (IsSourceFailure(e, cancellationToken))
        {
            throw new ProductSourceException(SourceName, Describe(e), null, e);
        }
    }

    /// <summary>An error that means "eBay could not answer", as opposed to the caller cancelling or a bug.</summary>
    internal static bool IsSourceFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        ProductSourceException => false,
        ExecutionRejectedException or HttpRequestException or JsonException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        Polly.CircuitBreaker.BrokenCircuitException => "circuit open after repeated failures; not calling eBay for now.",
        Polly.Timeout.TimeoutRejectedException or OperationCanceledException => "timed out.",
        JsonException => "the answer is not the Browse API's JSON: " + e.Message,
        _ => e.Message,
    };

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-EBAY-C-MARKETPLACE-ID", _options.Marketplace);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private static async Task<IReadOnlyList<ProductHit>> ReadAsync(HttpResponseMessage response, ProductQuery query, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var what = status == 429 ? "rate-limited (429) after retries." : status >= 500 ? $"answered {status} after retries." : $"refused the search ({status}).";
            throw new ProductSourceException(SourceName, what, status);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return EbayRequests.ParseHits(body, query);
    }
}
