using Drape.Errors;
using Drape.Server.Errors;
using Microsoft.IdentityModel.Tokens;

namespace Drape.Server.Security;

/// <summary>Turns authentication outcomes into the seed's codes and one log line each (never the token).</summary>
internal static class AuthFailures
{
    public static (string Code, string Message) Classify(Exception? failure, bool tokenPresent) => failure switch
    {
        _ when !tokenPresent => (ErrorCodes.AuthMissingToken, "Authentication is required: send a bearer token."),
        SecurityTokenExpiredException => (ErrorCodes.AuthExpiredToken, "The token has expired."),
        SecurityTokenNotYetValidException => (ErrorCodes.AuthInvalidToken, "The token is not valid yet."),
        _ => (ErrorCodes.AuthInvalidToken, "The token is invalid."),
    };

    public static Task WriteAsync(HttpContext context, int status, string code, string message, string reason)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Drape.Security");
        logger.LogWarning("Auth {ErrorCode} on {Route}: {Reason} (client {ClientIp})", code, context.Request.Path.Value, reason, context.Connection.RemoteIpAddress?.ToString());
        return ApiError.Create(context, code, status, message).WriteAsync(context);
    }

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
