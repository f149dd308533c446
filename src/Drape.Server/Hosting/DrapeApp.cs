using Drape.Server.Redis;
using Drape.Server.Features.Wardrobe;
using Drape.Server.Features.Recommendations;
using Drape.Server.Features.Analysis;
using Drape.Server.Configuration;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Features.Docs;
using Drape.Server.Features.Health;
using Drape.Server.Features.Inference;
using Drape.Server.Features.TryOn;
using Drape.Server.Jobs;
using Drape.Server.Observability;
using Drape.Server.Security;
using Drape.Server.Security.RateLimits;
using Drape.Server.Storage;
using Drape.Server.Uploads;
using Drape.Server.Webhooks;

namespace Drape.Server.Hosting;

/// <summary>The table of contents: which features each role registers and maps.</summary>
public static class DrapeApp
{
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplication BuildServer(string[] args, bool noWorkers)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (noWorkers)
        {
            builder.Configuration[$"{WorkerOptions.Section}:Count"] = "0";
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddResponseHygiene();
        builder.Services
            .AddDrapeCore()
            .AddDrapeObservability()
            .AddApiErrors()
            .AddHttpEdge()
            .AddDrapeSecurity()
            .AddDrapeRateLimits()
            .AddDrapeRedis(builder.Configuration)
            .AddDrapeData()
            .AddBlobStorage()
            .AddUploads()
            .AddTryOnEngines(builder.Configuration)
            .AddAnalysis()
            .AddRecommendations()
            .AddWardrobe()
            .AddJobs()
            .AddWebhooks()
            .AddHealth()
            .AddApiDocs();

        var app = builder.Build();
        app.UseHttpEdge();
        app.UseDrapeRequestLogging();
        app.UseResponseHygiene();
        app.UseApiErrors();
        app.UseDrapeSecurity();
        app.UseDrapeRateLimits();
        app.MapHealthApi();
        app.MapFilesApi();
        app.MapTryOnApi();
        app.MapAnalysisApi();
        app.MapRecommendationsApi();
        app.MapWardrobeApi();
        app.MapBrowserSessionApi();
        app.MapMetrics();
        app.MapApiDocs();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Drape is serving on {Urls}", string.Join(", ", app.Urls)));
        return app;
    }

    /// <summary>
    /// <c>drape serve --role inference</c>: the built-in models over the Open Inference Protocol v2 (<c>/v2/…</c>), as a
    /// Triton or KServe node serves them; no database, blobs or user API. Metrics at <c>/metrics</c>.
    /// </summary>
    public static WebApplication BuildInference(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services
            .AddDrapeObservability()
            .AddInferenceRole();

        var app = builder.Build();
        app.UseDrapeRequestLogging();
        app.MapInferenceApi();
        app.MapMetrics();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Drape inference is serving on {Urls}", string.Join(", ", app.Urls)));
        return app;
    }

    public static IHost BuildWorker(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services
            .AddDrapeCore()
            .AddDrapeObservability()
            .AddDrapeData()
            .AddBlobStorage()
            .AddUploads()
            .AddTryOnEngines(builder.Configuration)
            .AddJobs()
            .AddWebhooks();
        return builder.Build();
    }

    /// <summary>A host for one-shot commands (<c>migrate</c>, <c>token create</c>): configuration, data and keys only.</summary>
    public static IHost BuildTool(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddDrapeCore().AddDrapeData();
        builder.Services.AddDrapeOptions<AuthOptions>(AuthOptions.Section);
        builder.Services.AddSingleton<JwtSigningKey>();
        return builder.Build();
    }

    /// <summary>A host for <c>drape catalog import</c> and <c>drape storage check</c>: configuration, data and blob storage.</summary>
    public static IHost BuildDataTool(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddDrapeCore().AddDrapeData().AddBlobStorage();
        builder.Services.AddSingleton<Security.TextSanitizer>();
        builder.Services.AddDrapeOptions<Jobs.JobOptions>(Jobs.JobOptions.Section);
        builder.Services.AddScoped<Features.Recommendations.Products.Catalog.CatalogImporter>();
        builder.Services.AddScoped<Storage.StorageCheck>();
        return builder.Build();
    }

    private static IServiceCollection AddDrapeCore(this IServiceCollection services)
    {
        services.AddDrapeOptions<DrapeOptions>(DrapeOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => JsonConfiguration.Apply(json.SerializerOptions));
        services.AddHostedService<StartupMigrator>();
        return services;
    }
}
