using System.Security.Cryptography;
using System.Text;
using Drape.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Drape.Server.Webhooks;

/// <summary>
/// Signs webhook bodies: <c>X-Drape-Signature: sha256=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c> with
/// <c>X-Drape-Timestamp: {unix seconds}</c>. A receiver recomputes the HMAC over the timestamp header, a dot and the
/// raw body, compares in constant time, and rejects old timestamps to stop replays.
/// </summary>
public sealed class WebhookSigner(IOptions<WebhookOptions> options, IOptions<DrapeOptions> drape)
{
    private readonly byte[] _secret = KeyMaterial.GetOrCreate(options.Value.Secret, drape.Value.KeysDir, "webhook-secret");

    public string Sign(long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
