using Drape.Server.Configuration;
using Drape.Server.Jobs;
using Microsoft.Extensions.Options;

namespace Drape.Server.Webhooks;

public static class WebhooksRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddDrapeOptions<WebhookOptions>(WebhookOptions.Section);
        services.AddSingleton<WebhookSigner>();
        services.AddScoped<WebhookOutbox>();
        services.AddHttpClient(WebhookDispatcher.ClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("Drape-Webhooks/1.0"));
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<BackgroundService>(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Count > 0
            ? sp.GetRequiredService<WebhookDispatcher>()
            : new IdleService());
        return services;
    }

    /// <summary>Stands in for a background service this process does not run (no workers here).</summary>
    private sealed class IdleService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
