using Drape.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drape.Server.Storage;

/// <summary><c>GET /files/{key}?exp=&amp;sig=</c>: blobs of the local store behind HMAC-signed, time-limited URLs.</summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{**key}", GetFile)
            .WithName("GetFile")
            .AllowAnonymous() // the signature is the permission
            .WithTags("Files")
            .WithSummary("Download a stored file through a signed, time-limited URL")
            .Produces(200, contentType: "image/png")
            .Produces<Errors.ApiError>(403, Errors.ApiError.ContentType)
            .Produces<Errors.ApiError>(404, Errors.ApiError.ContentType);
        return app;
    }

    internal static async Task<FileStreamHttpResult> GetFile(string key, long? exp, string? sig, FileUrlSigner signer, IBlobStore blobs, HttpContext context, CancellationToken cancellationToken)
    {
        if (!BlobKeys.IsValid(key) || exp is null || !signer.IsValid(key, exp.Value, sig))
        {
            throw new DrapeException(ErrorCodes.AuthForbidden, 403, "The file URL's signature is invalid or has expired.");
        }

        var blob = await blobs.OpenReadAsync(key, cancellationToken) ?? throw DrapeException.NotFound("The file");
        context.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.File(blob.Stream, blob.ContentType, enableRangeProcessing: true);
    }
}
