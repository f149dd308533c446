using Drape.Server.Errors;
using Drape.Server.Features.Docs;
using Drape.Server.Security.RateLimits;
using Drape.Vision.Body;
using Drape.Vision.Faces;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.Models;
using Drape.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Analysis;

/// <summary>Smart onboarding (analyze-body) and skin-tone analysis (analyze-face-features), seed 001.</summary>
public static class AnalysisApi
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddSingleton(sp => new MoveNetPoseEstimator(sp.GetRequiredService<ModelManager>(), sp.GetRequiredService<IOptions<ModelOptions>>().Value.PoseModel));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            return new PersonSegmenter(sp.GetRequiredService<ModelManager>(), options.MaxBatch, TimeSpan.FromMilliseconds(options.MaxBatchWaitMs));
        });
        services.AddSingleton<BodyAnalyzer>();
        services.AddSingleton<AnalysisImageReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Analysis");
        api.MapPost("/analyze-body", AnalysisHandlers.AnalyzeBody).WithName("AnalyzeBody")
            .WithSummary("Is there a person, how much of them is shown, keypoints, body type and a person mask")
            .WithMultipartForm<AnalysisForm>().ProducesErrors(400, 413, 415, 422, 429).WithRateLimit(RateLimitPolicies.Ml);
        api.MapPost("/analyze-face-features", AnalysisHandlers.AnalyzeFace).WithName("AnalyzeFaceFeatures")
            .WithSummary("Faces, skin tone (CIELAB, ITA°, undertone, category, Fitzpatrick) and the category's palette")
            .WithMultipartForm<AnalysisForm>().ProducesErrors(400, 413, 415, 422, 429).WithRateLimit(RateLimitPolicies.Ml);
        return app;
    }
}
