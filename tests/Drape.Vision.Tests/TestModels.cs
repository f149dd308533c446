using Drape.Testing;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using SkiaSharp;

namespace Drape.Vision.Tests;

/// <summary>The repository's models folder, pulled on first use (npm), shared by the tests.</summary>
internal static class TestModels
{
    private static readonly Lazy<ModelRepository> Shared = new(() =>
    {
        var repository = new ModelRepository(TestAssets.ModelsDir, ModelManifest.Default);
        repository.PullAllAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        return repository;
    });

    private static readonly Lazy<BlazeFaceDetector> SharedDetector = new(() => new BlazeFaceDetector(Manager));

    private static readonly Lazy<ModelManager> SharedManager = new(() => new ModelManager(Repository));

    public static ModelRepository Repository => Shared.Value;

    /// <summary>One manager for the test run (default budget: nothing is evicted).</summary>
    public static ModelManager Manager => SharedManager.Value;

    public static BlazeFaceDetector FaceDetector => SharedDetector.Value;

    public static SKBitmap Load(string fixture) => TestAssets.LoadFixture(fixture);
}
