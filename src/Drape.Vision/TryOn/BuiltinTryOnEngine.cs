using System.Diagnostics;
using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.Skin;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// The built-in CPU try-on (v2, docs/try-on.md): MoveNet keypoints and the person mask give the body
/// (<see cref="BodyFrame"/>); the garment is cut out (<see cref="GarmentMasker"/>, or the model's body removed when it
/// is worn, <see cref="OnModelGarment"/>), its category decided for <c>auto</c> (<see cref="GarmentShape"/>) and its
/// landmarks found on the mask's contour (<see cref="GarmentLandmarks"/>); a skinned mesh (<see cref="GarmentFit"/>,
/// drawn by <see cref="MeshWarp"/>) lays it on the body with sleeves along the arms and legs along the legs; the
/// compositor (<see cref="TryOnCompositor"/>) keeps face, hair, neck, hands and bare arms in front, hides the old
/// garment, and transfers the photo's light. Deterministic: the same inputs give the same pixels, whatever the seed.
/// </summary>
/// <param name="photoTypePoses">The pose model for the <c>auto</c> photo-type check (MoveNet Lightning: the check only asks
/// whether a face and a shoulder are there); null = <paramref name="poses"/>.</param>
public sealed class BuiltinTryOnEngine(MoveNetPoseEstimator poses, PersonSegmenter segmenter, BuiltinTryOnOptions options, MoveNetPoseEstimator? photoTypePoses = null) : ITryOnEngine
{
    public const string EngineName = "builtin";
    public const string ModelName = "movenet+selfie+mesh-v2";

    public string Name => EngineName;

    public async Task<TryOnOutput> RunAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var trace = await RunTracedAsync(input, progress, cancellationToken);
        trace.DisposeIntermediates();
        return new TryOnOutput(trace.Result, trace.Category, ModelName);
    }

    /// <summary>The try-on with its intermediate results and the time of each step (tests, bench and the CLI).</summary>
    public async Task<TryOnTrace> RunTracedAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var steps = new List<(string, double)>();
        void Step(string name)
        {
            steps.Add((name, clock.Elapsed.TotalMilliseconds));
            clock.Restart();
        }

        var person = ImageResize.FitWithin(input.Person, options.MaxWidth, options.MaxHeight);
        progress?.Report(10);

        // The garment does not depend on the person: it is prepared on another thread while the person's models run.
        var garmentTask = Task.Run(() => PrepareGarmentAsync(input, cancellationToken), cancellationToken);
        BodyFrame body;
        PreparedGarment garment;
        try
        {
            var maskTask = segmenter.SegmentAsync(person, cancellationToken);
            var pose = poses.Estimate(person);
            body = BodyFrame.From(pose, await maskTask);
            Step("person");
            progress?.Report(30);
            cancellationToken.ThrowIfCancellationRequested();
            garment = await garmentTask;
        }
        catch
        {
            person.Dispose();
            await DisposeWhenDone(garmentTask);
            throw;
        }

        steps.Add(("garment (alongside person)", garment.Milliseconds));
        Step("garment wait");
        var (cutout, category, landmarks) = (garment.Cutout, garment.Category, garment.Landmarks);
        progress?.Report(50);
        cancellationToken.ThrowIfCancellationRequested();

        var fit = GarmentFit.For(landmarks, body, garment.BodyLength);
        var mesh = MeshWarp.Build(cutout, fit.Map);
        var layer = mesh.Render(cutout, person.Width, person.Height, fit.Depth);
        Step("warp");
        progress?.Report(70);
        cancellationToken.ThrowIfCancellationRequested();

        var masks = TryOnMasks.Build(person, body, category, landmarks, fit);
        Step("masks");
        var composite = TryOnCompositor.Compose(person, layer, masks.KeepOnTop, masks.Replace, masks.SkinTone, new TryOnCompositeOptions(), body.PersonMask, masks.FillShade);
        Step("compose");
        progress?.Report(100);
        return new TryOnTrace(person, composite.Image, composite.Region, category, garment.PhotoType, body, cutout, landmarks, mesh, layer,
            fit.Map(landmarks.RightShoulder), fit.Map(landmarks.LeftShoulder), masks.KeepOnTop, masks.Replace, steps);
    }

    /// <summary>Cut-out, photo type, category and landmarks of the garment photo, and how long that took.</summary>
    private async Task<PreparedGarment> PrepareGarmentAsync(TryOnInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var garmentPhoto = ImageResize.FitWithin(input.Garment, options.GarmentWorkingSide, options.GarmentWorkingSide);
        var cutout = GarmentMasker.Extract(garmentPhoto);
        try
        {
            var photoType = input.GarmentPhotoType ?? await DetectPhotoTypeAsync(garmentPhoto, cutout, cancellationToken);
            GarmentCategory category;
            GarmentLandmarks landmarks;
            float? bodyLength = null;
            if (photoType == GarmentPhotoType.OnModel)
            {
                var modelMask = segmenter.SegmentAsync(garmentPhoto, cancellationToken);
                var modelPose = poses.Estimate(garmentPhoto);
                category = input.Category ?? OnModelGarment.Classify(modelPose);
                var worn = OnModelGarment.Extract(garmentPhoto, cutout, modelPose, await modelMask, category);
                cutout.Dispose();
                (cutout, landmarks, bodyLength) = (worn.Cutout, worn.Landmarks, worn.BodyLength);
            }
            else
            {
                category = input.Category ?? GarmentShape.Classify(cutout.Mask);
                landmarks = GarmentLandmarks.Find(cutout.Mask, category);
            }

            return new PreparedGarment(cutout, photoType, category, landmarks, bodyLength, clock.Elapsed.TotalMilliseconds);
        }
        catch
        {
            cutout.Dispose();
            throw;
        }
    }

    private static async Task DisposeWhenDone(Task<PreparedGarment> garmentTask)
    {
        try
        {
            (await garmentTask).Cutout.Dispose();
        }
        catch (Exception)
        {
            // The person's failure is the one reported; the garment's own error (or cancellation) goes with it.
        }
    }

    /// <summary>
    /// <c>auto</c> photo type: on_model when MoveNet (Lightning) finds a face (nose and both eyes, mean score ≥ 0.45)
    /// and a shoulder (≥ 0.5) on the garment photo, and the wearer is a person (at least 3% of the cut-out is
    /// skin-like) or a display mannequin (its face is not skin-like); otherwise flat_lay.
    /// </summary>
    private async Task<GarmentPhotoType> DetectPhotoTypeAsync(SKBitmap photo, GarmentCutout cutout, CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        var pose = (photoTypePoses ?? poses).Estimate(photo);
        var face = (pose["nose"].Score + pose["left_eye"].Score + pose["right_eye"].Score) / 3f >= 0.45f;
        var shoulder = pose["left_shoulder"].Score >= 0.5f || pose["right_shoulder"].Score >= 0.5f;
        var worn = face && shoulder && (SkinShare(cutout) >= 0.03f || OnModelGarment.MannequinMaterial(photo, pose) is not null);
        return worn ? GarmentPhotoType.OnModel : GarmentPhotoType.FlatLay;
    }

    private static float SkinShare(GarmentCutout cutout)
    {
        var pixels = cutout.Image.GetPixelSpan();
        int skin = 0, cloth = 0;
        for (var i = 0; i < cutout.Mask.Data.Length; i += 3)
        {
            if (cutout.Mask.Data[i] < 128)
            {
                continue;
            }

            cloth++;
            if (SkinPixelFilter.IsSkinLikeRgb(pixels[i * 4], pixels[(i * 4) + 1], pixels[(i * 4) + 2]))
            {
                skin++;
            }
        }

        return cloth == 0 ? 0 : skin / (float)cloth;
    }
}

internal sealed record PreparedGarment(GarmentCutout Cutout, GarmentPhotoType PhotoType, GarmentCategory Category, GarmentLandmarks Landmarks, float? BodyLength, double Milliseconds);

/// <summary>A try-on's result and intermediates. <see cref="Result"/> belongs to the caller; the rest is disposed with <see cref="DisposeIntermediates"/>.</summary>
/// <param name="Person">The person photo at working size (the result's frame).</param>
/// <param name="Region">Pixels the compositor may have changed (everything else is the input's).</param>
/// <param name="GarmentRightShoulder">Where the garment's own shoulder points landed.</param>
/// <param name="KeepOnTop">The person's pixels kept in front of the garment.</param>
/// <param name="Replace">The old garment's pixels that give way (to the new garment or, where it does not reach, to skin tone).</param>
/// <param name="Steps">Milliseconds per step: person; garment (on another thread, alongside person); garment wait (what the
/// garment took beyond the person); warp; masks; compose.</param>
public sealed record TryOnTrace(
    SKBitmap Person,
    SKBitmap Result,
    Mask Region,
    GarmentCategory Category,
    GarmentPhotoType PhotoType,
    BodyFrame Body,
    GarmentCutout Cutout,
    GarmentLandmarks Landmarks,
    MeshWarp Mesh,
    SKBitmap Layer,
    SKPoint GarmentRightShoulder,
    SKPoint GarmentLeftShoulder,
    Mask KeepOnTop,
    Mask Replace,
    IReadOnlyList<(string Step, double Milliseconds)> Steps)
{
    public void DisposeIntermediates()
    {
        Person.Dispose();
        Cutout.Dispose();
        Layer.Dispose();
    }
}
