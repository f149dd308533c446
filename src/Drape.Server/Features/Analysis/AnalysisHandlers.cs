using System.Diagnostics;
using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Imaging.Masks;
using Drape.Server.Storage;
using Drape.Vision.Body;
using Drape.Vision.Faces;
using Drape.Vision.Skin;
using Microsoft.AspNetCore.Http.HttpResults;
using SkiaSharp;

namespace Drape.Server.Features.Analysis;

internal static class AnalysisHandlers
{
    private static readonly string[] LandmarkNames = ["right_eye", "left_eye", "nose_tip", "mouth", "right_ear", "left_ear"];

    /// <summary>No person is a 200 with <c>person_found: false</c> and mode <c>none</c>, not an error.</summary>
    public static async Task<Ok<AnalyzeBodyResponse>> AnalyzeBody(
        HttpRequest request,
        AnalysisImageReader reader,
        BodyAnalyzer analyzer,
        IBlobStore blobs,
        FileUrlSigner signer,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var image = await reader.ReadDecodedAsync(request, cancellationToken);
        var result = await Task.Run(() => analyzer.AnalyzeAsync(image.Bitmap, cancellationToken), cancellationToken);
        string? maskUrl = null;
        if (result.PersonFound)
        {
            var key = BlobKeys.AnalysisMask(Guid.CreateVersion7(time.GetUtcNow()));
            await blobs.PutAsync(key, EncodeMask(result.Mask), "image/png", cancellationToken);
            maskUrl = signer.SignUrl(key, request);
        }

        var m = result.Measurements;
        return TypedResults.Ok(new AnalyzeBodyResponse(
            result.PersonFound,
            ModeName(result.Mode),
            Math.Round(result.KeypointCoverage, 3),
            result.Pose.Keypoints.Select(k => new KeypointView(k.Name, Math.Round(k.X, 1), Math.Round(k.Y, 1), Math.Round(k.Score, 3))).ToList(),
            result.PersonFound ? new BoxView(result.Box.Left, result.Box.Top, result.Box.Width, result.Box.Height) : null,
            result.BodyType,
            m is null ? null : new MeasurementsView(Math.Round(m.ShoulderWidth, 1), Math.Round(m.WaistWidth, 1), Math.Round(m.HipWidth, 1), Math.Round(m.TorsoLength, 1),
                Math.Round(m.WaistToHip, 3), Math.Round(m.ShoulderToHip, 3), Math.Round(m.WaistToShoulder, 3)),
            maskUrl,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
    }

    /// <summary>No face is 422 <c>ML_4004</c>; a face whose skin cannot be sampled (covered, too small) likewise.</summary>
    public static async Task<Ok<AnalyzeFaceResponse>> AnalyzeFace(
        HttpRequest request,
        AnalysisImageReader reader,
        IFaceDetector detector,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var image = await reader.ReadDecodedAsync(request, cancellationToken);
        var (faces, sample) = await Task.Run(() =>
        {
            var found = detector.Detect(image.Bitmap);
            return (found, found.Count > 0 ? SkinSampler.Sample(image.Bitmap, found[0]) : null);
        }, cancellationToken);
        if (faces.Count == 0)
        {
            throw DrapeException.NoPerson("No face was found in the image: use a photo where the face is visible, upright and at least about 40 px wide.");
        }

        if (sample is null)
        {
            throw DrapeException.NoPerson("A face was found but too little of its skin is visible to measure (covered, very small, or lit so no pixel looks like skin).");
        }

        var tone = SkinToneClassifier.Classify(sample);
        var palette = SeasonalPalettes.For(tone.Category);
        return TypedResults.Ok(new AnalyzeFaceResponse(
            faces.Select(FaceView).ToList(),
            new SkinView(
                new LabView(Math.Round(tone.Lab.L, 2), Math.Round(tone.Lab.A, 2), Math.Round(tone.Lab.B, 2)),
                tone.Hex,
                Math.Round(tone.ItaDegrees, 2),
                tone.ItaClass,
                tone.Category,
                tone.Undertone,
                tone.Fitzpatrick,
                Math.Round(tone.Confidence, 3),
                sample.PixelCount),
            new PaletteView(palette.Category, SwatchView.From(palette.Best), SwatchView.From(palette.Avoid), SwatchView.From(palette.Metals), SwatchView.From(palette.Neutrals)),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
    }

    private static FaceView FaceView(FaceDetection face) => new(
        new BoxView(Math.Round(face.Box.Left, 1), Math.Round(face.Box.Top, 1), Math.Round(face.Box.Width, 1), Math.Round(face.Box.Height, 1)),
        face.Landmarks.Select((p, i) => (LandmarkNames[i], new PointView(Math.Round(p.X, 1), Math.Round(p.Y, 1)))).ToDictionary(p => p.Item1, p => p.Item2),
        Math.Round(face.Score, 3));

    private static string ModeName(BodyMode mode) => mode switch
    {
        BodyMode.FullBody => "full_body",
        BodyMode.UpperBody => "upper_body",
        BodyMode.HeadOnly => "head_only",
        _ => "none",
    };

    /// <summary>The mask as a greyscale PNG: white is the person.</summary>
    private static byte[] EncodeMask(Mask mask)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(mask.Width, mask.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        mask.Data.CopyTo(bitmap.GetPixelSpan());
        return ImageEncoding.EncodePng(bitmap);
    }
}
