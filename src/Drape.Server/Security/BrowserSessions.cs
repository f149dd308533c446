using Drape.Errors;
using Drape.Server.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drape.Server.Security;

/// <summary>
/// Browser sessions: <c>POST /api/v1/auth/session</c> turns a valid bearer token into an httpOnly, Secure,
/// SameSite=Strict cookie holding it; <c>DELETE</c> logs out. Requests authenticated by that cookie must send the
/// CSRF token from <c>GET /api/v1/auth/csrf</c> in <c>X-CSRF-Token</c> on unsafe methods (ASP.NET Core antiforgery),
/// else 403 <c>AUTH_1004</c>. Bearer requests need none: a browser never attaches those by itself.
/// </summary>
public static class BrowserSessions
{
    public const string CookieName = "drape_session";
    public const string CsrfHeader = "X-CSRF-Token";
    private const string ViaCookie = "drape.auth.cookie";

    public sealed record SessionInfo(string UserId, bool Admin, DateTimeOffset ExpiresAt);

    public sealed record CsrfToken(string Token, string HeaderName);

    public static IServiceCollection AddBrowserSessions(this IServiceCollection services)
    {
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeader;
            options.Cookie.Name = "drape_csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBrowserSessionApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/session", CreateSession).WithName("CreateBrowserSession")
            .WithSummary("Exchange a bearer token for an httpOnly session cookie").Produces<ApiError>(401, ApiError.ContentType);
        auth.MapDelete("/session", DeleteSession).WithName("DeleteBrowserSession").WithSummary("Log out: remove the session cookie").AllowAnonymous();
        auth.MapGet("/csrf", GetCsrf).WithName("GetCsrfToken")
            .WithSummary($"A CSRF token for cookie-authenticated requests; send it in {CsrfHeader}").AllowAnonymous();
        return app;
    }

    /// <summary>For the JWT handler: a request without an Authorization header may carry its token in the cookie.</summary>
    public static string? TokenFromCookie(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 || !context.Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        context.Items[ViaCookie] = true;
        return token;
    }

    /// <summary>Cookie-authenticated unsafe requests must prove they come from Drape's own pages.</summary>
    public static async Task RequireCsrfForCookies(HttpContext context, RequestDelegate next)
    {
        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var isLogout = HttpMethods.IsDelete(context.Request.Method) && context.Request.Path.Equals("/api/v1/auth/session", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && !isLogout && context.Items.ContainsKey(ViaCookie) && context.User.Identity?.IsAuthenticated == true)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await AuthFailures.WriteAsync(context, 403, ErrorCodes.AuthForbidden, $"This cookie-authenticated request needs a valid {CsrfHeader} header (from GET /api/v1/auth/csrf).", "missing or invalid CSRF token");
                return;
            }
        }

        await next(context);
    }

    internal static Ok<SessionInfo> CreateSession(HttpContext context, TimeProvider time)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (context.User.UserId() is not { } user || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new DrapeException(ErrorCodes.AuthMissingToken, 401, "Send the bearer token to exchange for a session cookie.");
        }

        var expires = context.User.FindFirst("exp") is { } exp && long.TryParse(exp.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow().AddHours(1);
        context.Response.Cookies.Append(CookieName, header["Bearer ".Length..].Trim(), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });
        return TypedResults.Ok(new SessionInfo(user, context.User.IsAdmin(), expires));
    }

    internal static NoContent DeleteSession(HttpContext context)
    {
        context.Response.Cookies.Delete(CookieName, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return TypedResults.NoContent();
    }

    internal static Ok<CsrfToken> GetCsrf(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new CsrfToken(antiforgery.GetAndStoreTokens(context).RequestToken!, CsrfHeader));
}
