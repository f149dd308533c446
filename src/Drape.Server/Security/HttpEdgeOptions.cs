namespace Drape.Server.Security;

/// <summary><c>Drape:Http</c>: the edge in front of Drape.</summary>
public sealed class HttpEdgeOptions
{
    public const string Section = "Drape:Http";

    /// <summary>Proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed; from anyone else they are ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>TLS ends at a proxy in front of Drape (which must be in <see cref="TrustedProxies"/>).</summary>
    public bool BehindTlsProxy { get; set; }

    /// <summary>Browser origins allowed by CORS, e.g. <c>https://shop.example.com</c>. Empty: no cross-origin access.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
