namespace Drape.Server.Errors;

/// <summary>OpenAPI: the error statuses an endpoint can answer, each with the <see cref="ApiError"/> body.</summary>
public static class ErrorDocs
{
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ApiError>(status, ApiError.ContentType);
        }

        return builder;
    }
}
