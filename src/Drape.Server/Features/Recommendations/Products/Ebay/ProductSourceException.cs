namespace Drape.Server.Features.Recommendations.Products.Ebay;

/// <summary>
/// A product source could not answer: it was unreachable, kept failing after retries, refused the request,
/// sent a body that is not its documented JSON, or its circuit breaker is open.
/// </summary>
public sealed class ProductSourceException : Exception
{
    public ProductSourceException()
        : this("The product source failed.")
    {
    }

    public ProductSourceException(string message)
        : this(message, null)
    {
    }

    public ProductSourceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ProductSourceException(string sourceName, string message, int? statusCode = null, Exception? innerException = null)
        : base($"{sourceName}: {message}", innerException)
    {
        SourceName = sourceName;
        StatusCode = statusCode;
    }

    /// <summary>The source's <see cref="IProductSearch.Name"/>, when known.</summary>
    public string? SourceName { get; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? StatusCode { get; }
}
