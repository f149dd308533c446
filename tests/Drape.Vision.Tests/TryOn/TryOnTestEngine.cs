using Drape.Imaging.Garments;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;

namespace Drape.Vision.Tests.TryOn;

/// <summary>One built-in engine over the shared test models.</summary>
internal static class TryOnTestEngine
{
    private static readonly Lazy<BuiltinTryOnEngine> Shared = new(() =>
        new BuiltinTryOnEngine(new MoveNetPoseEstimator(TestModels.Manager), new PersonSegmenter(TestModels.Manager), new BuiltinTryOnOptions(),
            new MoveNetPoseEstimator(TestModels.Manager, MoveNetPoseEstimator.Lightning)));

    public static BuiltinTryOnEngine Engine => Shared.Value;

    /// <summary>Runs the engine on two fixtures and hands the trace to <paramref name="check"/>; disposes it all after.</summary>
    public static async Task WithTrace(string personFixture, string garmentFixture, GarmentCategory? category, Action<TryOnTrace> check)
    {
        using var person = TestModels.Load(personFixture);
        using var garment = TestModels.Load(garmentFixture);
        var trace = await Engine.RunTracedAsync(new TryOnInput(person, garment, category, 1), null, default);
        using var result = trace.Result;
        try
        {
            check(trace);
        }
        finally
        {
            trace.DisposeIntermediates();
        }
    }
}
