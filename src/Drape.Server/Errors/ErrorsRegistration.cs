using Drape.Errors;

namespace Drape.Server.Errors;

public static class ErrorsRegistration
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Errors the framework produces without an exception (no route, wrong method, wrong media type) get the same body.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var error = status switch
            {
                404 => ApiError.Create(http, ErrorCodes.NotFound, 404, $"No resource at {http.Request.Path}."),
                405 => ApiError.Create(http, ErrorCodes.InvalidInput, 405, $"{http.Request.Method} is not allowed on {http.Request.Path}."),
                415 => ApiError.Create(http, ErrorCodes.UnsupportedType, 415, "Unsupported content type for this endpoint."),
                413 => ApiError.Create(http, ErrorCodes.FileTooLarge, 413, "The request body is too large."),
                _ => ApiError.Create(http, status >= 500 ? ErrorCodes.Internal : ErrorCodes.InvalidInput, status, "The request failed."),
            };
            await error.WriteAsync(http);
        });
        return app;
    }
}
