using System.ComponentModel.DataAnnotations;
using Drape.Server.Configuration;
using Drape.Server.Hosting;
using Drape.Vision.Faces;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.TryOn;

/// <summary><c>Drape:Engines</c>: which engine serves each capability.</summary>
public sealed class EngineOptions
{
    public const string Section = "Drape:Engines";

    [RegularExpression("^(builtin)$", ErrorMessage = "must be 'builtin' (remote engines are not built yet)")]
    public string TryOn { get; set; } = BuiltinTryOnEngine.EngineName;
}

public static class TryOnEnginesRegistration
{
    public static IServiceCollection AddTryOnEngines(this IServiceCollection services)
    {
        services.AddDrapeOptions<TryOnOptions>(TryOnOptions.Section);
        services.AddDrapeOptions<EngineOptions>(EngineOptions.Section);
        services.AddVisionModels();
        services.AddSingleton<IFaceDetector, BlazeFaceDetector>();
        services.AddSingleton<ITryOnEngine>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TryOnOptions>>().Value;
            return new BuiltinTryOnEngine(sp.GetRequiredService<IFaceDetector>(), new BuiltinTryOnOptions(options.MaxWidth, options.MaxHeight));
        });
        services.AddHostedService<ModelWarmup>();
        services.AddScoped<TryOnRunner>();
        services.AddSingleton<SessionViews>();
        services.AddScoped<TryOnRequestReader>();
        services.AddScoped<Wardrobe.SavedImages>();
        services.AddScoped<TryOnSessions>();
        return services;
    }
}
