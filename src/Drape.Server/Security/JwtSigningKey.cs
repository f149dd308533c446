using System.Text;
using Drape.Server.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Drape.Server.Security;

/// <summary>The HS256 key: the configured secret's UTF-8 bytes (as Supabase uses it), or a generated, persisted one.</summary>
public sealed class JwtSigningKey(IOptions<AuthOptions> auth, IOptions<DrapeOptions> drape)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(
        string.IsNullOrEmpty(auth.Value.JwtSecret)
            ? KeyMaterial.GetOrCreate(null, drape.Value.KeysDir, "jwt-secret")
            : Encoding.UTF8.GetBytes(auth.Value.JwtSecret)));

    public SymmetricSecurityKey Key => _key.Value;
}
