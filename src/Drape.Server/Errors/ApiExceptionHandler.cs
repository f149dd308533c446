using System.Text.Json;
using Drape.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Drape.Server.Errors;

/// <summary>Maps every exception to the error body once (DESIGN.md §3, §5). Unknown ones are 500 <c>SYS_9001</c>, logged, never echoed.</summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }

        var error = exception switch
        {
            DrapeException drape => ApiError.From(context, drape),
            BadHttpRequestException { StatusCode: 413 } => ApiError.Create(context, ErrorCodes.FileTooLarge, 413, "The request body is larger than this endpoint accepts."),
            BadHttpRequestException bad => ApiError.Create(context, ErrorCodes.InvalidInput, bad.StatusCode == 415 ? 415 : 400, "The request could not be read: it is malformed or incomplete."),
            JsonException json => ApiError.From(context, JsonBody.Describe(json).Exception()),
            Storage.BlobStoreUnavailableException => ApiError.Create(context, ErrorCodes.StorageProviderUnavailable, 503, "The file store is not available; nothing was saved. Try again shortly."),
            _ => null,
        };

        if (error is null && exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; nothing to answer
        }

        if (error is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path} (request {RequestId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);
            error = ApiError.Create(context, ErrorCodes.Internal, 500, "An internal error occurred. Quote the request id when reporting it.");
        }
        else if (error.Status >= 500)
        {
            logger.LogError(exception, "{ErrorCode} on {Method} {Path}: {Message}", error.ErrorCode, context.Request.Method, context.Request.Path, error.Message);
        }
        else
        {
            logger.LogInformation("{ErrorCode} {Status} on {Method} {Path}: {Message}", error.ErrorCode, error.Status, context.Request.Method, context.Request.Path, error.Message);
        }

        await error.WriteAsync(context);
        return true;
    }
}
