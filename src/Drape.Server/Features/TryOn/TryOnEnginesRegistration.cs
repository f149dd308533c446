using Drape.Server.Configuration;
using Drape.Server.Engines;
using Drape.Server.Engines.Hosted;
using Drape.Server.Engines.Oip;
using Drape.Server.Features.Health;
using Drape.Server.Hosting;
using Drape.Vision.Faces;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.TryOn;

public static class TryOnEnginesRegistration
{
    /// <summary>The try-on engines (keyed by name: builtin always, remote ones when configured) and the try-on services.</summary>
    public static IServiceCollection AddTryOnEngines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDrapeOptions<TryOnOptions>(TryOnOptions.Section);
        services.AddDrapeOptions<EngineOptions>(EngineOptions.Section)
            .Validate<IServiceProviderIsKeyedService>((o, keyed) => keyed.IsKeyedService(typeof(ITryOnEngine), o.TryOn),
                "Drape:Engines:TryOn names an engine that is not configured (set its section, e.g. Drape:Engines:Fal:ApiKey)");
        services.AddVisionModels();
        services.AddSingleton<IFaceDetector, BlazeFaceDetector>();
        services.AddKeyedSingleton<ITryOnEngine>(TryOnEngines.Builtin, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<TryOnOptions>>().Value;
            var models = sp.GetRequiredService<Drape.Vision.Models.ModelManager>();
            return new BuiltinTryOnEngine(
                sp.GetService<Drape.Vision.Pose.MoveNetPoseEstimator>() ?? new Drape.Vision.Pose.MoveNetPoseEstimator(models, sp.GetRequiredService<IOptions<ModelOptions>>().Value.PoseModel),
                sp.GetService<Drape.Vision.Segmentation.PersonSegmenter>() ?? new Drape.Vision.Segmentation.PersonSegmenter(models),
                new BuiltinTryOnOptions(options.MaxWidth, options.MaxHeight),
                new Drape.Vision.Pose.MoveNetPoseEstimator(models, Drape.Vision.Pose.MoveNetPoseEstimator.Lightning));
        });
        services.AddOipEngines(configuration);
        services.AddHostedTryOnEngines(configuration);
        services.AddSingleton<EngineHealth>();
        services.AddSingleton<TryOnEngines>();
        services.AddSingleton<IHealthProbe, EnginesProbe>();
        services.AddHostedService<ModelWarmup>();
        services.AddScoped<TryOnRunner>();
        services.AddSingleton<SessionViews>();
        services.AddScoped<TryOnRequestReader>();
        services.AddScoped<Wardrobe.SavedImages>();
        services.AddScoped<TryOnSessions>();
        return services;
    }
}
