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

    /// <summary>The pose model: movenet-thunder (accurate) or movenet-lightning (fast).</summary>
    [RegularExpression("^movenet-(thunder|lightning)$", ErrorMessage = "must be movenet-thunder or movenet-lightning")]
    public string PoseModel { get; set; } = "movenet-thunder";

    /// <summary>Loaded models beyond this estimated size evict the least recently used idle one.</summary>
    [Range(16, 65536)]
    public int MemoryBudgetMb { get; set; } = 1024;

    /// <summary>ONNX Runtime threads per inference; 0 = one per core, at most 4.</summary>
    [Range(0, 64)]
    public int IntraOpThreads { get; set; }

    /// <summary>ONNX Runtime's CPU memory arena (faster repeated runs; memory is kept between them).</summary>
    public bool MemoryArena { get; set; } = true;

    /// <summary>The largest batch the micro-batcher runs at once, for models with a batch dimension (1 turns batching off).</summary>
    [Range(1, 64)]
    public int MaxBatch { get; set; } = 4;

    /// <summary>How long the micro-batcher waits for more items once it has one, in milliseconds.</summary>
    [Range(0, 5000)]
    public int MaxBatchWaitMs { get; set; } = 5;

    public string PathFullPath => System.IO.Path.GetFullPath(Path);
}

public static class ModelsRegistration
{
    public static IServiceCollection AddVisionModels(this IServiceCollection services)
    {
        services.AddDrapeOptions<ModelOptions>(ModelOptions.Section);
        services.AddSingleton(sp => new ModelRepository(sp.GetRequiredService<IOptions<ModelOptions>>().Value.PathFullPath, ModelManifest.Default));
        services.AddSingleton(sp => new ModelMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            return new ModelManager(
                sp.GetRequiredService<ModelRepository>(),
                new ModelManagerOptions(options.MemoryBudgetMb, options.IntraOpThreads, options.MemoryArena),
                sp.GetRequiredService<ModelMetrics>(),
                sp.GetRequiredService<ILogger<ModelManager>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<IRemoteModels>());
        });
        return services;
    }
}
