using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>
/// eBay application tokens (OAuth client credentials). A token is reused until a minute before it expires, by the
/// <see cref="TimeProvider"/> clock; concurrent callers share one refresh.
/// </summary>
public sealed class EbayTokenProvider(IHttpClientFactory clients, IOptions<EbayOptions> options, TimeProvider time) : IDisposable
{
    public const string ClientName = "ebay-auth";
    public const string Scope = "https://api.ebay.com/oauth/api_scope";

    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Valid(_cached) is { } token)
        {
            return token;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (Valid(_cached) is { } refreshed)
            {
                return refreshed;
            }

            var fresh = await RequestAsync(cancellationToken);
            _cached = fresh;
            return fresh.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (eBay answered 401 to it); a newer token is kept.</summary>
    public void Invalidate(string rejected)
    {
        var cached = _cached;
        if (cached is not null && cached.AccessToken == rejected)
        {
            Interlocked.CompareExchange(ref _cached, null, cached);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Valid(CachedToken? cached) => cached is not null && time.GetUtcNow() < cached.RefreshAt ? cached.AccessToken : null;

    private async Task<CachedToken> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint("/identity/v1/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("scope", Scope),
            ]),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var requestedAt = time.GetUtcNow();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new ProductSourceException(EbayProductSearch.SourceName,
                    status is 400 or 401 ? $"eBay refused the client credentials ({status}); check Drape:Ebay:ClientId and ClientSecret."
                        : $"eBay's token endpoint answered {status}.", status);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var (token, lifetime) = Parse(body);
            var margin = lifetime > SafetyMargin * 2 ? SafetyMargin : lifetime / 2;
            return new CachedToken(token, requestedAt + lifetime - margin);
        }
        catch (Exception e) when (EbayProductSearch.IsSourceFailure(e, cancellationToken))
        {
            throw new ProductSourceException(EbayProductSearch.SourceName, "could not get an access token: " + e.Message, null, e);
        }
    }

    private static (string Token, TimeSpan Lifetime) Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(token.GetString())
            && root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt64(out var seconds) && seconds > 0)
        {
            return (token.GetString()!, TimeSpan.FromSeconds(seconds));
        }

        throw new JsonException("The token answer has no access_token or expires_in.");
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt);
}
