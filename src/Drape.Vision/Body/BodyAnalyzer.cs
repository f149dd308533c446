using Drape.Imaging.Masks;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using SkiaSharp;

namespace Drape.Vision.Body;

/// <summary>
/// Smart onboarding's body check: MoveNet keypoints plus the person mask give whether a person is there, how much of
/// them the photo shows, and a body type from silhouette widths. The rules are documented in <c>docs/body-analysis.md</c>.
/// </summary>
public sealed class BodyAnalyzer(MoveNetPoseEstimator poses, PersonSegmenter segmenter)
{
    /// <summary>A person needs this many visible keypoints...</summary>
    public const int MinKeypoints = 4;

    /// <summary>...and at least this share of the photo in the mask.</summary>
    public const float MinMaskShare = 0.01f;

    public async Task<BodyAnalysis> AnalyzeAsync(SKBitmap image, CancellationToken cancellationToken = default)
    {
        var maskTask = segmenter.SegmentAsync(image, cancellationToken);
        var pose = poses.Estimate(image);
        var mask = await maskTask;
        var visible = pose.Keypoints.Count(k => k.Score >= BodyPose.VisibleScore);
        var maskShare = mask.Area() / (float)(mask.Width * mask.Height);
        var found = visible >= MinKeypoints && maskShare >= MinMaskShare;
        if (!found)
        {
            return new BodyAnalysis(false, BodyMode.None, pose.Coverage, pose, SKRectI.Empty, null, null, mask);
        }

        var measurements = Measure(pose, mask);
        return new BodyAnalysis(true, ModeOf(pose), pose.Coverage, pose, Box(pose, mask), measurements is null ? null : Classify(measurements), measurements, mask);
    }

    /// <summary>
    /// full_body: hips and (both knees or an ankle) visible; upper_body: a shoulder visible; head_only: only the face.
    /// </summary>
    public static BodyMode ModeOf(BodyPose pose)
    {
        var hips = pose.Visible("left_hip") || pose.Visible("right_hip");
        var legs = (pose.Visible("left_knee") && pose.Visible("right_knee")) || pose.Visible("left_ankle") || pose.Visible("right_ankle");
        if (hips && legs)
        {
            return BodyMode.FullBody;
        }

        return pose.Visible("left_shoulder") || pose.Visible("right_shoulder") ? BodyMode.UpperBody : BodyMode.HeadOnly;
    }

    /// <summary>
    /// Silhouette widths: shoulders just below the shoulder line, waist at 60% of the way to the hips, hips just below
    /// the hip line; each is the mask run through the body's centre line (arms apart from the torso are not counted).
    /// </summary>
    public static BodyMeasurements? Measure(BodyPose pose, Mask mask)
    {
        string[] needed = ["left_shoulder", "right_shoulder", "left_hip", "right_hip"];
        if (!needed.All(pose.Visible))
        {
            return null;
        }

        var (ls, rs, lh, rh) = (pose["left_shoulder"], pose["right_shoulder"], pose["left_hip"], pose["right_hip"]);
        var shoulderY = (ls.Y + rs.Y) / 2f;
        var hipY = (lh.Y + rh.Y) / 2f;
        var torso = hipY - shoulderY;
        if (torso <= 4)
        {
            return null;
        }

        var hipRow = hipY + (0.08f * torso);
        if (hipRow >= mask.Height - 2)
        {
            return null; // the hips are at the photo's edge: their width cannot be measured
        }

        var centreX = (ls.X + rs.X + lh.X + rh.X) / 4f;
        var shoulderJoints = MathF.Abs(ls.X - rs.X);
        var hipJoints = MathF.Abs(lh.X - rh.X);
        var armHalfWidth = 0.1f * shoulderJoints;
        var shoulder = MathF.Min(TorsoWidth(mask, pose, shoulderY + (0.08f * torso), centreX, armHalfWidth), 1.35f * shoulderJoints);
        var waist = TorsoWidth(mask, pose, shoulderY + (0.6f * torso), centreX, armHalfWidth);
        var hip = MathF.Min(TorsoWidth(mask, pose, hipRow, centreX, armHalfWidth), 2.2f * hipJoints);
        return shoulder > 0 && waist > 0 && hip > 0 ? new BodyMeasurements(shoulder, waist, hip, torso) : null;
    }

    /// <summary>
    /// The documented rule, first match wins: plus_size (waist ≥ 0.95 torso and waist ≥ 0.9 hips), curvy (waist ≤ 0.75
    /// hips and hips ≥ 0.95 shoulders), athletic (shoulders ≥ 1.2 hips and waist ≤ 0.8 shoulders), slim (waist ≤ 0.55
    /// torso), else average.
    /// </summary>
    public static string Classify(BodyMeasurements m) => m switch
    {
        { WaistToTorso: >= 0.95f, WaistToHip: >= 0.9f } => "plus_size",
        { WaistToHip: <= 0.75f, ShoulderToHip: <= 1f / 0.95f } => "curvy",
        { ShoulderToHip: >= 1.2f, WaistToShoulder: <= 0.8f } => "athletic",
        { WaistToTorso: <= 0.55f } => "slim",
        _ => "average",
    };

    /// <summary>The mask run through the centre line at row <paramref name="y"/>, cut at the inner edge of an arm that hangs inside it.</summary>
    private static float TorsoWidth(Mask mask, BodyPose pose, float y, float centreX, float armHalfWidth)
    {
        var (start, end) = Run(mask, y, centreX);
        if (end <= start)
        {
            return 0;
        }

        float left = start, right = end;
        if (ArmX(pose, "right", y) is { } rightArm && rightArm > left && rightArm < centreX)
        {
            left = rightArm + armHalfWidth;
        }

        if (ArmX(pose, "left", y) is { } leftArm && leftArm < right && leftArm > centreX)
        {
            right = leftArm - armHalfWidth;
        }

        return MathF.Max(0, right - left);
    }

    /// <summary>Where the arm (shoulder→elbow→wrist) crosses row <paramref name="y"/>, when that part of it is visible.</summary>
    private static float? ArmX(BodyPose pose, string side, float y)
    {
        Keypoint[] chain = [pose[$"{side}_shoulder"], pose[$"{side}_elbow"], pose[$"{side}_wrist"]];
        for (var i = 0; i < 2; i++)
        {
            var (a, b) = (chain[i], chain[i + 1]);
            if (a.Score < BodyPose.VisibleScore || b.Score < BodyPose.VisibleScore || MathF.Abs(b.Y - a.Y) < 1)
            {
                continue;
            }

            var t = (y - a.Y) / (b.Y - a.Y);
            if (t is >= 0 and <= 1)
            {
                return a.X + (t * (b.X - a.X));
            }
        }

        return null;
    }

    private static (int Start, int End) Run(Mask mask, float y, float centreX)
    {
        var row = Math.Clamp((int)MathF.Round(y), 0, mask.Height - 1);
        var runs = mask.RowRuns(row);
        if (runs.Count == 0)
        {
            return (0, 0);
        }

        var x = Math.Clamp((int)MathF.Round(centreX), 0, mask.Width - 1);
        var through = runs.FirstOrDefault(r => r.Start <= x && x < r.End);
        if (through == default)
        {
            through = runs.MinBy(r => Math.Min(Math.Abs(r.Start - x), Math.Abs(r.End - x)));
        }

        return through;
    }

    /// <summary>The mask's bounds, or the visible keypoints' when the mask is empty.</summary>
    private static SKRectI Box(BodyPose pose, Mask mask)
    {
        var thresholded = mask.Clone().Threshold();
        var bounds = thresholded.Bounds();
        if (!bounds.IsEmpty)
        {
            return bounds;
        }

        var visible = pose.Keypoints.Where(k => k.Score >= BodyPose.VisibleScore).ToList();
        return SKRectI.Round(new SKRect(visible.Min(k => k.X), visible.Min(k => k.Y), visible.Max(k => k.X), visible.Max(k => k.Y)));
    }
}
