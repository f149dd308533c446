using Drape.Server.Configuration;
using Drape.Server.Features.TryOn;

namespace Drape.Server.Jobs;

public static class JobsRegistration
{
    /// <summary>The job queue and handlers everywhere; worker loops where <c>Drape:Workers:Count</c> &gt; 0; clean-up always.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddDrapeOptions<JobOptions>(JobOptions.Section);
        services.AddDrapeOptions<WorkerOptions>(WorkerOptions.Section);
        services.AddSingleton<JobSignals>();
        services.AddHostedService<PostgresJobNotifications>();
        services.AddScoped<JobQueue>();
        services.AddScoped<IJobHandler, TryOnJobHandler>();
        services.AddSingleton<JobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        services.AddSingleton<CleanupService>();
        services.AddHostedService(sp => sp.GetRequiredService<CleanupService>());
        return services;
    }
}
