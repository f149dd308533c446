using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Drape.Server.Security;

/// <summary>
/// Signing keys from <c>Drape:Auth:JwksUrl</c>, fetched at start and every hour, and again (at most once a minute)
/// when a token names a key id the cache does not know — so a key rotation is picked up without a restart. The
/// token handler reads the cache synchronously; fetching happens here, in the background.
/// </summary>
public sealed class JwksKeys(IHttpClientFactory clients, IOptions<AuthOptions> options, TimeProvider time, ILogger<JwksKeys> logger) : BackgroundService
{
    public const string ClientName = "jwks";
    private readonly SemaphoreSlim _wake = new(0, 1);
    private volatile IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        var keys = _keys;
        var known = keyId is null ? keys : keys.Where(k => k.KeyId == keyId).ToList();
        if (!known.Any() && time.GetUtcNow() - _fetchedAt > TimeSpan.FromMinutes(1) && _wake.CurrentCount == 0)
        {
            _wake.Release();
        }

        return known;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.JwksUrl))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(TimeSpan.FromHours(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var json = await clients.CreateClient(ClientName).GetStringAsync(options.Value.JwksUrl, cancellationToken);
            _keys = new JsonWebKeySet(json).GetSigningKeys().ToList();
            logger.LogInformation("Loaded {Count} signing keys from the JWKS", _keys.Count);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            logger.LogWarning("Could not fetch the JWKS ({Error}); keeping {Count} cached keys", e.Message, _keys.Count);
        }

        _fetchedAt = time.GetUtcNow();
    }
}
