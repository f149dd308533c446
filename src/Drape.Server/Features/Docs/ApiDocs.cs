namespace Drape.Server.Features.Docs;

public static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app) => app;
}
