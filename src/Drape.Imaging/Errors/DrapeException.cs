namespace Drape.Errors;

/// <summary>
/// A domain error that maps one-to-one onto the error body of DESIGN.md §5. Thrown anywhere (imaging,
/// vision, server); the server's exception handler turns it into the response, workers store its code on the job.
/// </summary>
public class DrapeException : Exception
{
    public DrapeException(string errorCode, int status, string message, IReadOnlyDictionary<string, object?>? details = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        Status = status;
        Details = details;
    }

    public string ErrorCode { get; }

    /// <summary>The HTTP status the error answers with when it reaches a client.</summary>
    public int Status { get; }

    public IReadOnlyDictionary<string, object?>? Details { get; }

    /// <summary>Whether a job that failed with this error may be tried again (an inference hiccup may; bad input never).</summary>
    public bool Retryable => ErrorCode is ErrorCodes.InferenceFailed or ErrorCodes.OutOfMemory or ErrorCodes.ModelNotLoaded or ErrorCodes.Storage;

    public static DrapeException BadImage(string field, string message) =>
        new(ErrorCodes.ContentMismatch, 400, message, new Dictionary<string, object?> { ["field"] = field });

    public static DrapeException NoPerson(string message = "No person was found in the person image: no face could be detected.") =>
        new(ErrorCodes.BadInput, 422, message);

    public static DrapeException Inference(string message, Exception? inner = null) =>
        new(ErrorCodes.InferenceFailed, 500, message, null, inner);

    public static DrapeException NotFound(string what) =>
        new(ErrorCodes.NotFound, 404, $"{what} was not found.");
}
