using Drape.Server.Configuration;

namespace Drape.Server.Features.TryOn;

public static class TryOnEnginesRegistration
{
    public static IServiceCollection AddTryOnEngines(this IServiceCollection services)
    {
        services.AddDrapeOptions<TryOnOptions>(TryOnOptions.Section);
        return services;
    }
}
