using System.Text.RegularExpressions;
using Serilog.Context;

namespace Drape.Server.Observability;

/// <summary>
/// Every request gets an id: the caller's <c>X-Request-ID</c> when it is sane, otherwise a new one. It becomes
/// <see cref="HttpContext.TraceIdentifier"/>, is echoed in the response header, and is on every log line and error body.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        var id = given.Length is > 0 and <= 128 && SafeId().IsMatch(given) ? given : NewId();
        context.TraceIdentifier = id;
        // Set when the response starts: the exception handler clears headers set earlier.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("request_id", id))
        {
            await next(context);
        }
    }

    public static string NewId() => "req_" + Guid.CreateVersion7().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex SafeId();
}
