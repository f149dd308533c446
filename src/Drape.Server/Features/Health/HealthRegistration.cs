namespace Drape.Server.Features.Health;

public static class HealthRegistration
{
    public static IServiceCollection AddHealth(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app) => app;
}
