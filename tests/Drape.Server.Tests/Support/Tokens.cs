using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Drape.Server.Tests.Support;

/// <summary>Builds bearer tokens, good and bad, the way an identity provider (or an attacker) would.</summary>
internal static class Tokens
{
    public const string Secret = "test-jwt-secret-that-is-at-least-32-bytes-long";

    public static string Create(string sub, bool admin = false, string secret = Secret, DateTime? expires = null, DateTime? notBefore = null, string? issuer = null, string? audience = null)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", sub) };
        if (admin)
        {
            claims.Add(new Claim("role", "admin"));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            IssuedAt = (notBefore ?? now).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddSeconds(-1),
            Expires = expires ?? now.AddHours(1),
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming to be <paramref name="sub"/>.</summary>
    public static string Unsigned(string sub)
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Encode($"{{\"sub\":\"{sub}\",\"exp\":{exp}}}")}.";
    }

    /// <summary>A valid token whose payload was changed after signing.</summary>
    public static string Tampered(string sub)
    {
        var parts = Create(sub).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(sub, "admin-" + sub, StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    public static HttpClient As(this HttpClient client, string? token)
    {
        client.DefaultRequestHeaders.Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
