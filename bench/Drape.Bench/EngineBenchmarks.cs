using BenchmarkDotNet.Attributes;
using Drape.Testing;
using Drape.Imaging.Processing;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Bench;

/// <summary>
/// Built-in try-on latency on a 768×1024 person photo (target ≤ 150 ms p50 on the 2-core machine), with a
/// 1200×1200 and a 2160×2160 product photo, and the face detector alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class EngineBenchmarks
{
    private SKBitmap _person = null!;
    private SKBitmap _garmentSmall = null!;
    private SKBitmap _garmentLarge = null!;
    private ModelManager _models = null!;
    private BlazeFaceDetector _faces = null!;
    private BuiltinTryOnEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var repository = new ModelRepository(TestAssets.ModelsDir, ModelManifest.Default);
        repository.PullAllAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        _models = new ModelManager(repository);
        _faces = new BlazeFaceDetector(_models);
        _engine = new BuiltinTryOnEngine(new MoveNetPoseEstimator(_models), new PersonSegmenter(_models), new BuiltinTryOnOptions(), new MoveNetPoseEstimator(_models, MoveNetPoseEstimator.Lightning));
        using var person = TestAssets.LoadFixture("person/upper/woman-business.png");
        _person = ImageResize.Resize(person, 768, 1024); // the benchmark's fixed 768×1024 input
        _garmentSmall = TestAssets.LoadFixture("garment/upper/tee-white.png");
        _garmentLarge = TestAssets.LoadFixture("garment/upper/tee-blue.png");
        _faces.Detect(_person); // load the models
        Run(_garmentSmall);
    }

    [Benchmark(Baseline = true)]
    public int TryOn_768x1024_garment_1200() => Run(_garmentSmall);

    [Benchmark]
    public int TryOn_768x1024_garment_2160() => Run(_garmentLarge);

    [Benchmark]
    public int FaceDetection_768x1024() => _faces.Detect(_person).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _models.Dispose();
        _person.Dispose();
        _garmentSmall.Dispose();
        _garmentLarge.Dispose();
    }

    private int Run(SKBitmap garment)
    {
        using var output = _engine.RunAsync(new TryOnInput(_person, garment, null, 1), null, CancellationToken.None).GetAwaiter().GetResult().Image;
        return output.Width;
    }

}
