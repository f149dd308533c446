using Drape.Errors;
using Drape.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Drape.Server.Security;

/// <summary>
/// Bearer JWTs (HS256 secret or a JWKS), the auth mode, and the seed's error codes for every failure. A request
/// that presents a bad token is refused even where anonymous callers are welcome: a broken token is never
/// silently treated as "anonymous".
/// </summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddDrapeSecurity(this IServiceCollection services)
    {
        services.AddDrapeOptions<AuthOptions>(AuthOptions.Section);
        services.AddSingleton<JwtSigningKey>();
        services.AddHttpClient(JwksKeys.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<JwksKeys>();
        services.AddHostedService(sp => sp.GetRequiredService<JwksKeys>());

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, JwtSigningKey, JwksKeys>((jwt, auth, key, jwks) => Configure(jwt, auth.Value, key, jwks));

        services.AddBrowserSessions();
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((authorization, auth) =>
        {
            if (auth.Value.Required)
            {
                authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        return services;
    }

    public static WebApplication UseDrapeSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(RefuseBadTokens);
        app.Use(BrowserSessions.RequireCsrfForCookies);
        app.UseAuthorization();
        return app;
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions auth, JwtSigningKey key, JwksKeys jwks)
    {
        var useJwks = !string.IsNullOrEmpty(auth.JwksUrl);
        return new TokenValidationParameters
        {
            ValidateIssuer = auth.Issuer is not null,
            ValidIssuer = auth.Issuer,
            ValidateAudience = auth.Audience is not null,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            NameClaimType = "sub",
            RoleClaimType = "role",
            ValidAlgorithms = useJwks ? [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256] : [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = useJwks ? null : key.Key,
            IssuerSigningKeyResolver = useJwks ? (_, _, keyId, _) => jwks.Resolve(keyId) : null,
        };
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth, JwtSigningKey key, JwksKeys jwks)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = ValidationParameters(auth, key, jwks);
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                context.Token ??= BrowserSessions.TokenFromCookie(context.HttpContext);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var present = AuthFailures.HasBearer(context.Request);
                var (code, message) = AuthFailures.Classify(context.AuthenticateFailure, present);
                await AuthFailures.WriteAsync(context.HttpContext, 401, code, message, context.AuthenticateFailure?.GetType().Name ?? (present ? "unreadable token" : "no token"));
            },
            OnForbidden = context => AuthFailures.WriteAsync(context.HttpContext, 403, ErrorCodes.AuthForbidden, "You are not allowed to do this.", "forbidden"),
        };
    }

    /// <summary>Under <c>/api</c>, a bearer token that did not authenticate is 401 at once (AUTH_1001 or AUTH_1002).</summary>
    private static async Task RefuseBadTokens(HttpContext context, RequestDelegate next)
    {
        var presented = AuthFailures.HasBearer(context.Request) || context.Request.Cookies.ContainsKey(BrowserSessions.CookieName);
        if (context.Request.Path.StartsWithSegments("/api") && presented && context.User.Identity?.IsAuthenticated != true
            && !context.Request.Path.Equals("/api/v1/auth/session", StringComparison.OrdinalIgnoreCase))
        {
            var failure = (await context.AuthenticateAsync()).Failure; // the handler's result for this request, memoised
            var (code, message) = AuthFailures.Classify(failure, tokenPresent: true);
            await AuthFailures.WriteAsync(context, 401, code, message, failure?.GetType().Name ?? "unreadable token");
            return;
        }

        await next(context);
    }
}
