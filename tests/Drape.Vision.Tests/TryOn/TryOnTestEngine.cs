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
}
