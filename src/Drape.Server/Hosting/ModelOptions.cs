using System.ComponentModel.DataAnnotations;
using Drape.Server.Configuration;
using Drape.Vision.Models;
using Microsoft.Extensions.Options;

namespace Drape.Server.Hosting;

/// <summary><c>Drape:Models</c>: where the model files live (see <c>models/README.md</c>).</summary>
public sealed class ModelOptions
{
    public const string Section = "Drape:Models";

    [Required]
    public string Path { get; set; } = "./models";

    /// <summary>Load and run every model once at start, so the first request pays nothing.</summary>
    public bool Warmup { get; set; }

    public string PathFullPath => System.IO.Path.GetFullPath(Path);
}

public static class ModelsRegistration
{
    public static IServiceCollection AddVisionModels(this IServiceCollection services)
    {
        services.AddDrapeOptions<ModelOptions>(ModelOptions.Section);
        services.AddSingleton(sp => new ModelRepository(sp.GetRequiredService<IOptions<ModelOptions>>().Value.PathFullPath, ModelManifest.Default));
        return services;
    }
}
