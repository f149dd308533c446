using Drape.Server.Configuration;
using Drape.Server.Features.TryOn;
using Drape.Server.Hosting;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Inference;

/// <summary>
/// The inference role (<c>drape serve --role inference</c>): the built-in models over the Open Inference Protocol v2
/// REST API, as Triton and KServe serve theirs, with the binary tensor data extension. Errors are <c>{"error": "…"}</c>.
/// </summary>
public static class InferenceApi
{
    public static IServiceCollection AddInferenceRole(this IServiceCollection services)
    {
        services.AddDrapeOptions<InferenceOptions>(InferenceOptions.Section);
        services.ConfigureHttpJsonOptions(json => JsonConfiguration.Apply(json.SerializerOptions));

        services.AddDrapeOptions<TryOnOptions>(TryOnOptions.Section);
        services.AddVisionModels();
        services.AddHostedService<ModelWarmup>();

        // The perception and built-in engine of the API role (its constructor's services from here), behind tryon-builtin.
        services.AddSingleton<IFaceDetector, BlazeFaceDetector>();
        services.AddSingleton(sp => new MoveNetPoseEstimator(sp.GetRequiredService<ModelManager>(), sp.GetRequiredService<IOptions<ModelOptions>>().Value.PoseModel));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            return new PersonSegmenter(sp.GetRequiredService<ModelManager>(), options.MaxBatch, TimeSpan.FromMilliseconds(options.MaxBatchWaitMs));
        });
        services.AddKeyedSingleton<ITryOnEngine>(BuiltinTryOnEngine.EngineName, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<TryOnOptions>>().Value;
            return ActivatorUtilities.CreateInstance<BuiltinTryOnEngine>(sp, new BuiltinTryOnOptions(options.MaxWidth, options.MaxHeight));
        });
        services.AddSingleton<InferenceModels>();
        return services;
    }

    public static IEndpointRouteBuilder MapInferenceApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Inference");
        v2.MapGet("", InferenceHandlers.ServerMetadata).WithName("OipServerMetadata");
        v2.MapGet("/health/live", InferenceHandlers.Live).WithName("OipLive");
        v2.MapGet("/health/ready", InferenceHandlers.Ready).WithName("OipReady");
        v2.MapGet("/models/{name}", InferenceHandlers.ModelMetadata).WithName("OipModelMetadata");
        v2.MapGet("/models/{name}/versions/{version}", InferenceHandlers.ModelMetadata).WithName("OipModelVersionMetadata");
        v2.MapGet("/models/{name}/ready", InferenceHandlers.ModelReady).WithName("OipModelReady");
        v2.MapGet("/models/{name}/versions/{version}/ready", InferenceHandlers.ModelReady).WithName("OipModelVersionReady");
        v2.MapPost("/models/{name}/infer", InferenceHandlers.Infer).WithName("OipInfer");
        v2.MapPost("/models/{name}/versions/{version}/infer", InferenceHandlers.Infer).WithName("OipVersionInfer");
        return app;
    }
}
