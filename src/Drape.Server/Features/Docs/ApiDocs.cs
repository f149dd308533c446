using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Drape.Server.Features.Docs;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar docs UI at <c>/docs</c>.</summary>
public static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Drape API",
                    Version = "v1",
                    Description = "Self-hostable virtual try-on and fashion AI. Errors use one body everywhere (RFC 9457 problem details plus error_code, message, details, request_id).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<MultipartFormTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Drape API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}
