using Drape.Server.Configuration;
using Drape.Server.Features.Health;
using Drape.Server.Security.RateLimits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Drape.Server.Redis;

public static class RedisRegistration
{
    /// <summary>With <c>Drape:Redis:ConnectionString</c>: shared rate limits (with in-memory fallback), HybridCache L2, a health check.</summary>
    public static IServiceCollection AddDrapeRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDrapeOptions<RedisOptions>(RedisOptions.Section);
        if (string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:ConnectionString"]))
        {
            return services;
        }

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisStatus>();
        services.AddSingleton<RedisRateLimitStore>();
        services.AddSingleton<InMemoryRateLimitStore>();
        services.Replace(ServiceDescriptor.Singleton<IRateLimitStore, FallbackRateLimitStore>());
        services.AddStackExchangeRedisCache(cache => { });
        services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
            .Configure<RedisConnection>((cache, redis) =>
            {
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer);
                cache.InstanceName = "drape:cache:";
            });
        services.AddSingleton<IHealthProbe, RedisProbe>();
        return services;
    }
}
