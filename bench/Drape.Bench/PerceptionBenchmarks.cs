using BenchmarkDotNet.Attributes;
using Drape.Imaging.Decoding;
using Drape.Imaging.Processing;
using Drape.Testing;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.Skin;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Drape.Bench;

/// <summary>
/// Per model: bare ONNX Runtime inference on a ready tensor vs Drape's full path (decode a 768×1024 JPEG, letterbox,
/// infer, map back / upsample). Goal: full path ≤ 1.3 × (bare inference + decode).
/// </summary>
[MemoryDiagnoser]
public class PerceptionBenchmarks
{
    private ModelManager _models = null!;
    private byte[] _jpeg = null!;
    private MoveNetPoseEstimator _thunder = null!;
    private MoveNetPoseEstimator _lightning = null!;
    private PersonSegmenter _segmenter = null!;
    private BlazeFaceDetector _faces = null!;
    private readonly Dictionary<string, NamedOnnxValue> _ready = [];

    [GlobalSetup]
    public void Setup()
    {
        var repository = new ModelRepository(TestAssets.ModelsDir, ModelManifest.Default);
        repository.PullAllAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        _models = new ModelManager(repository);
        using var photo = TestAssets.LoadFixture("person/upper/woman-business.png");
        using var scaled = ImageResize.Resize(photo, 768, 1024);
        _jpeg = ImageEncoding.EncodeJpeg(scaled);
        _thunder = new MoveNetPoseEstimator(_models, MoveNetPoseEstimator.Thunder);
        _lightning = new MoveNetPoseEstimator(_models, MoveNetPoseEstimator.Lightning);
        _segmenter = new PersonSegmenter(_models, maxBatch: 1);
        _faces = new BlazeFaceDetector(_models);
        _ready["movenet-thunder"] = NamedOnnxValue.CreateFromTensor("input", new DenseTensor<int>([1, 256, 256, 3]));
        _ready["movenet-lightning"] = NamedOnnxValue.CreateFromTensor("input", new DenseTensor<int>([1, 192, 192, 3]));
        _ready["selfie"] = NamedOnnxValue.CreateFromTensor("input_1", new DenseTensor<float>([1, 256, 256, 3]));
        using var decoded = Decode();
        _thunder.Estimate(decoded.Bitmap); // load and warm every model
        _lightning.Estimate(decoded.Bitmap);
        _segmenter.SegmentAsync(decoded.Bitmap).GetAwaiter().GetResult().Area();
        _faces.Detect(decoded.Bitmap);
    }

    [Benchmark]
    public int Decode_768x1024_jpeg()
    {
        using var image = Decode();
        return image.Width;
    }

    [Benchmark]
    public int MoveNetThunder_bare() => Bare("movenet-thunder");

    [Benchmark]
    public float MoveNetThunder_full_path()
    {
        using var image = Decode();
        return _thunder.Estimate(image.Bitmap).MeanScore;
    }

    [Benchmark]
    public int MoveNetLightning_bare() => Bare("movenet-lightning");

    [Benchmark]
    public float MoveNetLightning_full_path()
    {
        using var image = Decode();
        return _lightning.Estimate(image.Bitmap).MeanScore;
    }

    [Benchmark]
    public int Selfie_bare() => Bare("selfie");

    [Benchmark]
    public int Selfie_full_path()
    {
        using var image = Decode();
        return _segmenter.SegmentAsync(image.Bitmap).GetAwaiter().GetResult().Width;
    }

    [Benchmark]
    public float FaceFeatures_full_path()
    {
        using var image = Decode();
        var face = _faces.Detect(image.Bitmap)[0];
        return SkinSampler.Sample(image.Bitmap, face)?.Confidence ?? 0;
    }

    private int Bare(string model)
    {
        using var lease = _models.Acquire(model);
        using var results = lease.Run([_ready[model]]);
        return results.Count;
    }

    private DecodedImage Decode() => ImageUploadDecoder.Decode(_jpeg, "image/jpeg", "image", new ImageLimits());

    [GlobalCleanup]
    public void Cleanup()
    {
        _segmenter.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _models.Dispose();
    }
}

/// <summary>
/// When does micro-batching help? Four selfie segmentations: one run each, or one run of batch 4, for the model alone
/// and through <see cref="PersonSegmenter"/> with four concurrent callers.
/// </summary>
public class MicroBatchBenchmarks
{
    private ModelManager _models = null!;
    private PersonSegmenter _unbatched = null!;
    private PersonSegmenter _batched = null!;
    private SKBitmap _person = null!;
    private NamedOnnxValue _one = null!;
    private NamedOnnxValue _four = null!;

    [GlobalSetup]
    public void Setup()
    {
        _models = new ModelManager(new ModelRepository(TestAssets.ModelsDir, ModelManifest.Default));
        _unbatched = new PersonSegmenter(_models, maxBatch: 1);
        _batched = new PersonSegmenter(_models, maxBatch: 4, maxWait: TimeSpan.FromMilliseconds(5));
        using var photo = TestAssets.LoadFixture("person/upper/woman-business.png");
        _person = ImageResize.Resize(photo, 768, 1024);
        _one = NamedOnnxValue.CreateFromTensor("input_1", new DenseTensor<float>([1, 256, 256, 3]));
        _four = NamedOnnxValue.CreateFromTensor("input_1", new DenseTensor<float>([4, 256, 256, 3]));
        Model_4x_batch_of_1();
        Model_1x_batch_of_4();
    }

    [Benchmark(Baseline = true)]
    public int Model_4x_batch_of_1()
    {
        using var lease = _models.Acquire("selfie");
        var count = 0;
        for (var i = 0; i < 4; i++)
        {
            using var results = lease.Run([_one]);
            count += results.Count;
        }

        return count;
    }

    [Benchmark]
    public int Model_1x_batch_of_4()
    {
        using var lease = _models.Acquire("selfie");
        using var results = lease.Run([_four]);
        return results.Count;
    }

    [Benchmark]
    public int Segmenter_4_concurrent_unbatched() => Concurrent(_unbatched);

    [Benchmark]
    public int Segmenter_4_concurrent_batched() => Concurrent(_batched);

    private int Concurrent(PersonSegmenter segmenter) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => segmenter.SegmentAsync(_person))).GetAwaiter().GetResult().Sum(m => m.Width);

    [GlobalCleanup]
    public void Cleanup()
    {
        _unbatched.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _batched.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _person.Dispose();
        _models.Dispose();
    }
}
