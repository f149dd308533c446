using System.Globalization;
using System.Security.Claims;
using Drape.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Drape.Server.Security;

/// <summary><c>drape token create --user ID [--admin] [--ttl 1h]</c>: a token signed with Drape's own HS256 secret, for self-hosters without Supabase.</summary>
internal static class TokenCommand
{
    public const string Usage = "Usage: drape token create --user ID [--admin] [--ttl 30m|12h|7d]";

    public static async Task<int> RunAsync(string[] args)
    {
        var user = Value(args, "--user");
        if (args.Length == 0 || args[0] != "create" || string.IsNullOrWhiteSpace(user))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 64;
        }

        if (!TryParseTtl(Value(args, "--ttl") ?? "1h", out var ttl))
        {
            await Console.Error.WriteLineAsync("drape token: --ttl must look like 30m, 12h or 7d");
            return 64;
        }

        using var host = DrapeApp.BuildTool(args.Where(a => a.StartsWith("--Drape:", StringComparison.Ordinal)).ToArray());
        var auth = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!string.IsNullOrEmpty(auth.JwksUrl))
        {
            await Console.Error.WriteLineAsync("drape token: Drape:Auth:JwksUrl is set, so tokens come from that identity provider; Drape cannot sign them.");
            return 1;
        }

        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("sub", user) };
        if (args.Contains("--admin"))
        {
            claims.Add(new Claim("role", "admin"));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + ttl,
            SigningCredentials = new SigningCredentials(host.Services.GetRequiredService<JwtSigningKey>().Key, SecurityAlgorithms.HmacSha256),
        });
        Console.WriteLine(token);
        return 0;
    }

    internal static bool TryParseTtl(string text, out TimeSpan ttl)
    {
        ttl = default;
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        ttl = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return ttl > TimeSpan.Zero;
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
