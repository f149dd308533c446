namespace Drape.Server.Features.TryOn;

public static class TryOnApi
{
    public static IEndpointRouteBuilder MapTryOnApi(this IEndpointRouteBuilder app) => app;
}
