using System.Text;
using Drape.Server.Storage;
using Microsoft.Extensions.Options;

namespace Drape.Server.Security;

/// <summary>
/// In Production, Drape refuses to start unsafe: HTTPS (an https:// endpoint, or TLS ended at a trusted proxy) unless
/// it listens on loopback only,
/// explicit CORS origins, a JWT secret of ≥ 32 bytes (or a JWKS), a URL-signing key of ≥ 32 bytes. Each violation
/// is one line naming its key. Other environments only refuse a malformed CORS origin.
/// </summary>
internal sealed class ProductionSafety(IHostEnvironment environment, IConfiguration configuration, IOptions<AuthOptions> auth, IOptions<FileUrlOptions> files)
    : IValidateOptions<HttpEdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpEdgeOptions edge)
    {
        var failures = new List<string>();
        foreach (var origin in edge.CorsOrigins.Where(o => o != "*" && !Uri.TryCreate(o, UriKind.Absolute, out _)))
        {
            failures.Add($"Drape:Http:CorsOrigins: '{origin}' is not an origin like https://shop.example.com");
        }

        if (environment.IsProduction())
        {
            var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? Hosting.DrapeApp.DefaultUrl;
            if (!edge.BehindTlsProxy && !OnlyLoopback(urls) && !urls.Contains("https://", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(configuration["Kestrel:Certificates:Default:Path"]))
            {
                failures.Add("Drape:Http:BehindTlsProxy: production requires HTTPS: listen on an https:// URL with a certificate, or set it to true behind a TLS proxy");
            }

            if (edge.BehindTlsProxy && edge.TrustedProxies.Length == 0)
            {
                failures.Add("Drape:Http:TrustedProxies: name the TLS proxy, so its X-Forwarded-Proto is believed");
            }

            if (edge.CorsOrigins.Contains("*"))
            {
                failures.Add("Drape:Http:CorsOrigins: a wildcard is not allowed in production; list the origins");
            }

            if (string.IsNullOrEmpty(auth.Value.JwksUrl) && auth.Value.JwtSecret is { } secret && Encoding.UTF8.GetByteCount(secret) < 32)
            {
                failures.Add("Drape:Auth:JwtSecret: must be at least 32 bytes in production (or set Drape:Auth:JwksUrl)");
            }

            if (files.Value.SigningKey is { Length: > 0 } key && !IsStrongKey(key))
            {
                failures.Add("Drape:Files:SigningKey: must be at least 32 bytes (base64 or text) in production");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Plain HTTP on loopback only (the default <c>http://localhost:8080</c>) is reachable from this machine alone.</summary>
    private static bool OnlyLoopback(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host == "localhost"));

    private static bool IsStrongKey(string key)
    {
        try
        {
            return Convert.FromBase64String(key).Length >= 32;
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetByteCount(key) >= 32;
        }
    }
}
