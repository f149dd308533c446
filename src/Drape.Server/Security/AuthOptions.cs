using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Security;

/// <summary><c>Drape:Auth</c>: who may call the API and how tokens are checked.</summary>
public sealed class AuthOptions
{
    public const string Section = "Drape:Auth";

    /// <summary><c>optional</c>: anonymous callers may use try-on; <c>required</c>: every API call needs a user.</summary>
    [RegularExpression("^(optional|required)$", ErrorMessage = "must be 'optional' or 'required'")]
    public string Mode { get; set; } = "optional";

    /// <summary>
    /// HS256 secret (Supabase's JWT secret works as is: its text is the key). When empty and no JWKS URL is set,
    /// one is generated and kept in <c>&lt;DataDir&gt;/keys</c>, and <c>drape token create</c> signs with it.
    /// </summary>
    public string? JwtSecret { get; set; }

    /// <summary>A JSON Web Key Set for RS256/ES256 tokens (e.g. Supabase's <c>/auth/v1/.well-known/jwks.json</c>).</summary>
    [Url]
    public string? JwksUrl { get; set; }

    /// <summary>When set, tokens must carry this <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this <c>aud</c> (Supabase: <c>authenticated</c>).</summary>
    public string? Audience { get; set; }

    [Range(0, 30)]
    public int ClockSkewSeconds { get; set; } = 30;

    public bool Required => Mode == "required";
}
