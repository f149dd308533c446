using Drape.Errors;

namespace Drape.Server.Errors;

/// <summary>
/// The one error body of DESIGN.md §5: RFC 9457 problem details plus the seed's <c>error_code</c>,
/// <c>message</c>, <c>details</c> and <c>request_id</c>.
/// </summary>
public sealed record ApiError(
    string Type,
    string Title,
    int Status,
    string ErrorCode,
    string Message,
    IReadOnlyDictionary<string, object?>? Details,
    string RequestId)
{
    public const string ContentType = "application/problem+json";

    /// <summary>The wire format, whatever the host's JSON settings: the error body is part of the contract.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = Hosting.JsonConfiguration.Create();

    public static ApiError Create(HttpContext context, string errorCode, int status, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new($"/errors/{errorCode}", TitleFor(errorCode), status, errorCode, message, details, context.TraceIdentifier);

    public static ApiError From(HttpContext context, DrapeException error) =>
        Create(context, error.ErrorCode, error.Status, error.Message, error.Details);

    public static string TitleFor(string errorCode) => errorCode switch
    {
        ErrorCodes.AuthInvalidToken => "Invalid token",
        ErrorCodes.AuthExpiredToken => "Token expired",
        ErrorCodes.AuthMissingToken => "Authentication required",
        ErrorCodes.AuthForbidden => "Forbidden",
        ErrorCodes.InvalidInput => "Invalid input",
        ErrorCodes.FileTooLarge => "File too large",
        ErrorCodes.UnsupportedType => "Unsupported media type",
        ErrorCodes.ContentMismatch => "Invalid file content",
        ErrorCodes.InvalidFilename => "Invalid filename",
        ErrorCodes.RateLimited => "Too many requests",
        ErrorCodes.ModelNotLoaded => "Model not available",
        ErrorCodes.InferenceFailed => "Inference failed",
        ErrorCodes.OutOfMemory => "Out of memory",
        ErrorCodes.BadInput => "Unusable input",
        ErrorCodes.JobTimedOut => "Job timed out",
        ErrorCodes.LlmUnavailable => "Vision LLM unavailable",
        ErrorCodes.ProductSearchUnavailable => "Product search unavailable",
        ErrorCodes.StorageProviderUnavailable => "Storage provider unavailable",
        ErrorCodes.UpstreamTimeout => "Upstream timeout",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.Conflict => "Conflict",
        ErrorCodes.Configuration => "Configuration error",
        ErrorCodes.Storage => "Storage error",
        _ => "Internal error",
    };

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        return context.Response.WriteAsJsonAsync(this, Json, ContentType);
    }
}
