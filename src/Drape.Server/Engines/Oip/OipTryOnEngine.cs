using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using Drape.Server.Features.TryOn;
using Drape.Server.Hosting;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Drape.Server.Engines.Oip;

/// <summary>
/// Try-on on a remote model over the Open Inference Protocol (<c>Drape:Engines:TryOn = oip</c>): person and garment
/// images, the person mask and the pose go as tensors to <c>Drape:Engines:Oip:Models:TryOn</c>, an image tensor comes
/// back (contract: docs/engines/oip.md). Pose and mask run here (or remotely too, per <c>Drape:Engines:Oip:Models</c>);
/// <c>auto</c> is resolved here from the garment's cut-out, so the remote model always gets a category.
/// </summary>
public sealed class OipTryOnEngine : ITryOnEngine, IAsyncDisposable
{
    public const string EngineName = "oip";

    /// <summary>Fewer visible keypoints than this: there is no person to dress.</summary>
    private const int MinVisibleKeypoints = 4;

    private readonly OipClient _client;
    private readonly string _model;
    private readonly TryOnOptions _tryOn;
    private readonly MoveNetPoseEstimator _pose;
    private readonly PersonSegmenter _segmenter;

    public OipTryOnEngine(OipClient client, ModelManager models, IOptions<OipOptions> oip, IOptions<ModelOptions> modelOptions, IOptions<TryOnOptions> tryOn)
    {
        ArgumentNullException.ThrowIfNull(oip);
        _client = client;
        _model = oip.Value.Models.TryOn ?? throw new DrapeException(ErrorCodes.Configuration, 500, "Drape:Engines:Oip:Models:TryOn is not set.");
        _tryOn = tryOn.Value;
        _pose = new MoveNetPoseEstimator(models, modelOptions.Value.PoseModel);
        _segmenter = new PersonSegmenter(models, maxBatch: 1);
    }

    public string Name => EngineName;

    public async Task<TryOnOutput> RunAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var person = ImageResize.FitWithin(input.Person, _tryOn.MaxWidth, _tryOn.MaxHeight);
        using var garment = ImageResize.FitWithin(input.Garment, _tryOn.MaxWidth, _tryOn.MaxHeight);
        var category = input.Category ?? Classify(garment);
        progress?.Report(10);

        var pose = _pose.Estimate(person);
        if (pose.Keypoints.Count(k => k.Score >= BodyPose.VisibleScore) < MinVisibleKeypoints)
        {
            throw DrapeException.NoPerson("No person was found in the person image: too few body keypoints were detected.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var mask = await _segmenter.SegmentAsync(person, cancellationToken);
        progress?.Report(30);

        var keypoints = pose.Keypoints.SelectMany(k => new[] { k.X, k.Y, k.Score }).ToArray();
        OipTensor[] tensors =
        [
            OipImages.ToTensor(OipTryOnContract.PersonImage, person),
            OipImages.ToTensor(OipTryOnContract.GarmentImage, garment),
            OipTensor.Of(OipTryOnContract.PersonMask, mask.Data, 1, person.Height, person.Width),
            OipTensor.Of(OipTryOnContract.PoseKeypoints, keypoints, 1, 17, 3),
            OipTensor.Text(OipTryOnContract.Category, OipTryOnContract.CategoryName(category)),
            OipTensor.Of(OipTryOnContract.Seed, [(long)input.Seed], 1),
        ];
        if (!string.IsNullOrWhiteSpace(input.Description))
        {
            tensors = [.. tensors, OipTensor.Text(OipTryOnContract.Description, input.Description)];
        }

        progress?.Report(40);
        var response = await _client.InferAsync(_model, tensors, cancellationToken);
        var image = response.Outputs.FirstOrDefault(o => o.Name == OipTryOnContract.ResultImage)
            ?? throw DrapeException.Inference($"The inference server's model '{_model}' sent no '{OipTryOnContract.ResultImage}' output.");
        SKBitmap result;
        try
        {
            result = OipImages.ToBitmap(image);
        }
        catch (OipException e)
        {
            throw DrapeException.Inference($"The inference server's model '{_model}' sent an unusable image: {e.Message}.", e);
        }

        progress?.Report(100);
        var model = response.ModelVersion is { Length: > 0 } version ? $"{response.ModelName}:{version}" : response.ModelName;
        return new TryOnOutput(result, category, $"oip:{(model.Length > 0 ? model : _model)}");
    }

    private static GarmentCategory Classify(SKBitmap garment)
    {
        using var cutout = GarmentMasker.Extract(garment);
        return GarmentShape.Classify(cutout.Mask);
    }

    public ValueTask DisposeAsync() => _segmenter.DisposeAsync();
}
