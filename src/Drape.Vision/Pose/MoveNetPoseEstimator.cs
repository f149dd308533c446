using Drape.Vision.Faces;
using Drape.Vision.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Drape.Vision.Pose;

/// <summary>
/// Single-person pose with MoveNet (Thunder by default, Lightning as the fast option). The whole photo is letterboxed
/// to the model's square input; when the person fills only part of it, a second pass on a square crop around the
/// first pass's keypoints refines them (MoveNet's own cropping scheme, one step). Keypoints come back in original pixels.
/// </summary>
public sealed class MoveNetPoseEstimator(ModelManager models, string model = MoveNetPoseEstimator.Thunder)
{
    public const string Thunder = "movenet-thunder";
    public const string Lightning = "movenet-lightning";

    /// <summary>A crop is only worth a second pass when it is at most this share of the whole frame's side.</summary>
    private const float RefineBelow = 0.8f;

    public BodyPose Estimate(SKBitmap image)
    {
        var whole = SKRect.Create(image.Width, image.Height);
        var first = Run(image, whole);
        if (CropAround(first, image) is not { } crop)
        {
            return first;
        }

        var second = Run(image, crop);
        return second.MeanScore >= first.MeanScore ? second : first;
    }

    private BodyPose Run(SKBitmap image, SKRect region)
    {
        // A remote server may serve another MoveNet (Lightning for Thunder): its input size rules.
        var size = (int)models.InputShape(model)[1];
        var letterbox = new Letterbox(region, size);
        var tensor = new DenseTensor<int>([1, size, size, 3]);
        using (var input = letterbox.Render(image))
        {
            Letterbox.ToInt32Tensor(input, tensor.Buffer.Span);
        }

        var results = models.Run(model, [NamedOnnxValue.CreateFromTensor("input", tensor)]);
        var raw = results[0].AsTensor<float>().ToArray();
        var keypoints = new Keypoint[17];
        for (var k = 0; k < 17; k++)
        {
            var point = letterbox.ToImage(raw[(3 * k) + 1], raw[3 * k]);
            keypoints[k] = new Keypoint(BodyPose.Names[k], point.X, point.Y, raw[(3 * k) + 2]);
        }

        return new BodyPose(keypoints);
    }

    /// <summary>A square around the confident keypoints, padded by a third of their extent, or null when it would not zoom in.</summary>
    private static SKRect? CropAround(BodyPose pose, SKBitmap image)
    {
        var sure = pose.Keypoints.Where(k => k.Score >= BodyPose.VisibleScore).ToList();
        if (sure.Count < 3)
        {
            return null;
        }

        var (left, right) = (sure.Min(k => k.X), sure.Max(k => k.X));
        var (top, bottom) = (sure.Min(k => k.Y), sure.Max(k => k.Y));
        var side = MathF.Max(right - left, bottom - top) * 1.35f;
        var frame = MathF.Max(image.Width, image.Height);
        if (side >= frame * RefineBelow)
        {
            return null;
        }

        side = MathF.Max(side, frame * 0.25f);
        var (cx, cy) = ((left + right) / 2f, (top + bottom) / 2f);
        return SKRect.Create(cx - (side / 2f), cy - (side / 2f), side, side);
    }
}
