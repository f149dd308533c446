using Drape.Errors;
using Drape.Imaging.Masks;
using Drape.Vision.Pose;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// The person's body for try-on, in the (working-size) photo's pixels: MoveNet joints, completed where the photo hides
/// them (see <see cref="From"/>), the body axis, the head and the person mask for outline widths. "Right" and
/// "left" are the subject's (the subject's right is on the image's left).
/// </summary>
public sealed record BodyFrame(
    SKPoint RightShoulder,
    SKPoint LeftShoulder,
    SKPoint RightElbow,
    SKPoint LeftElbow,
    SKPoint RightWrist,
    SKPoint LeftWrist,
    SKPoint RightHip,
    SKPoint LeftHip,
    SKPoint RightKnee,
    SKPoint LeftKnee,
    SKPoint RightAnkle,
    SKPoint LeftAnkle,
    SKPoint? HeadCentre,
    float HeadRadius,
    Mask PersonMask,
    BodyPose Pose)
{
    /// <summary>A person needs this many visible keypoints and this share of the photo in the mask (as body analysis).</summary>
    public const int MinKeypoints = 4;

    public const float MinMaskShare = 0.01f;

    public SKPoint ShoulderCentre => Mid(RightShoulder, LeftShoulder);

    public SKPoint HipCentre => Mid(RightHip, LeftHip);

    public float ShoulderWidth => SKPoint.Distance(RightShoulder, LeftShoulder);

    public float TorsoLength => SKPoint.Distance(ShoulderCentre, HipCentre);

    public float LegLength => (SKPoint.Distance(RightHip, RightKnee) + SKPoint.Distance(RightKnee, RightAnkle) + SKPoint.Distance(LeftHip, LeftKnee) + SKPoint.Distance(LeftKnee, LeftAnkle)) / 2f;

    /// <summary>Unit vector from the shoulders towards the hips.</summary>
    public SKPoint Down
    {
        get
        {
            var d = HipCentre - ShoulderCentre;
            var length = d.Length;
            return length < 1e-3f ? new SKPoint(0, 1) : new SKPoint(d.X / length, d.Y / length);
        }
    }

    /// <summary>Unit vector from the subject's right to their left (image left → right when upright).</summary>
    public SKPoint Across => new(Down.Y, -Down.X);

    /// <summary>
    /// Joints with score ≥ <see cref="BodyPose.VisibleScore"/> are taken as found. Hidden ones are completed from the
    /// visible ones with average proportions: a missing shoulder or hip mirrors its partner across the face or torso;
    /// missing hips lie 1.4 shoulder widths below the shoulders, 0.72 shoulder widths apart; a missing elbow hangs 0.85
    /// shoulder widths below its shoulder, a wrist 0.8 below its elbow; knees and ankles each a torso length below.
    /// No person (fewer than <see cref="MinKeypoints"/> keypoints, mask under 1%, or neither shoulders nor hips) is ML_4004.
    /// </summary>
    public static BodyFrame From(BodyPose pose, Mask mask)
    {
        var visible = pose.Keypoints.Count(k => k.Score >= BodyPose.VisibleScore);
        var share = mask.Area() / (float)(mask.Width * mask.Height);
        if (visible < MinKeypoints || share < MinMaskShare)
        {
            throw DrapeException.NoPerson("No person was found in the person image: too little of a body was detected.");
        }

        SKPoint? Seen(string name) => pose.Visible(name) ? new SKPoint(pose[name].X, pose[name].Y) : null;
        var face = new[] { "nose", "left_eye", "right_eye", "left_ear", "right_ear" }.Select(Seen).OfType<SKPoint>().ToList();
        SKPoint? headCentre = face.Count == 0 ? null : new SKPoint(face.Average(p => p.X), face.Average(p => p.Y));
        var headRadius = HeadRadiusFrom(Seen("left_ear"), Seen("right_ear"), Seen("left_eye"), Seen("right_eye"), Seen("nose"));

        var (rs, ls) = (Seen("right_shoulder"), Seen("left_shoulder"));
        var (rh, lh) = (Seen("right_hip"), Seen("left_hip"));
        if (rs is null && ls is null && headCentre is { } head && headRadius > 0)
        {
            var y = head.Y + (2.6f * headRadius);
            (rs, ls) = (new SKPoint(head.X - (1.9f * headRadius), y), new SKPoint(head.X + (1.9f * headRadius), y));
        }

        (rs, ls) = Mirror(rs, ls, headCentre ?? (rh is { } a && lh is { } b ? Mid(a, b) : null));
        if (rs is null || ls is null)
        {
            if (rh is null || lh is null)
            {
                throw DrapeException.NoPerson("No person was found in the person image: neither shoulders nor hips were detected.");
            }

            var hipWidth = SKPoint.Distance(rh.Value, lh.Value);
            (rs, ls) = (rh.Value - new SKPoint(0.2f * hipWidth, 1.9f * hipWidth), lh.Value + new SKPoint(0.2f * hipWidth, -1.9f * hipWidth));
        }

        var (rightShoulder, leftShoulder) = (rs.Value, ls.Value);
        var shoulderWidth = Math.Max(4f, SKPoint.Distance(rightShoulder, leftShoulder));
        var shoulderCentre = Mid(rightShoulder, leftShoulder);
        var across = Unit(leftShoulder - rightShoulder);
        var down = new SKPoint(-across.Y, across.X);
        if (rh is null && lh is null)
        {
            var hipCentre = shoulderCentre + Scale(down, 1.4f * shoulderWidth);
            (rh, lh) = (hipCentre - Scale(across, 0.36f * shoulderWidth), hipCentre + Scale(across, 0.36f * shoulderWidth));
        }
        else if (rh is null || lh is null)
        {
            // One hip seen: its partner mirrors it across the body axis through the shoulder centre.
            var seen = (rh ?? lh)!.Value;
            var mirrored = seen - Scale(across, 2 * Dot(seen - shoulderCentre, across));
            (rh, lh) = rh is null ? (mirrored, seen) : (seen, mirrored);
        }

        var (rightHip, leftHip) = (rh.GetValueOrDefault(), lh.GetValueOrDefault());
        var torso = Math.Max(shoulderWidth, SKPoint.Distance(shoulderCentre, Mid(rightHip, leftHip)));
        var bodyDown = Unit(Mid(rightHip, leftHip) - shoulderCentre);
        var rightElbow = Seen("right_elbow") ?? rightShoulder + Scale(bodyDown, 0.85f * shoulderWidth) - Scale(across, 0.08f * shoulderWidth);
        var leftElbow = Seen("left_elbow") ?? leftShoulder + Scale(bodyDown, 0.85f * shoulderWidth) + Scale(across, 0.08f * shoulderWidth);
        var rightWrist = Seen("right_wrist") ?? rightElbow + Scale(Unit(rightElbow - rightShoulder), 0.8f * shoulderWidth);
        var leftWrist = Seen("left_wrist") ?? leftElbow + Scale(Unit(leftElbow - leftShoulder), 0.8f * shoulderWidth);
        var rightKnee = Seen("right_knee") ?? rightHip + Scale(bodyDown, torso);
        var leftKnee = Seen("left_knee") ?? leftHip + Scale(bodyDown, torso);
        var rightAnkle = Seen("right_ankle") ?? rightKnee + Scale(Unit(rightKnee - rightHip), torso);
        var leftAnkle = Seen("left_ankle") ?? leftKnee + Scale(Unit(leftKnee - leftHip), torso);
        return new BodyFrame(rightShoulder, leftShoulder, rightElbow, leftElbow, rightWrist, leftWrist, rightHip, leftHip,
            rightKnee, leftKnee, rightAnkle, leftAnkle, headCentre, headRadius > 0 ? headRadius : 0.3f * shoulderWidth, mask, pose);
    }

    /// <summary>
    /// How far above <paramref name="joint"/> (against <see cref="Down"/>) the person mask ends — the top of a shoulder
    /// over its joint — or null when it does not within <paramref name="limit"/> pixels or the photo ends first (hair,
    /// the head or a raised arm go on above it; a crop cuts it off).
    /// </summary>
    public float? OutlineAbove(SKPoint joint, float limit)
    {
        for (var d = 0f; d <= limit; d += 1f)
        {
            var p = joint - Scale(Down, d);
            int x = (int)p.X, y = (int)p.Y;
            if (x < 0 || y < 0 || x >= PersonMask.Width || y >= PersonMask.Height)
            {
                return null;
            }

            if (PersonMask[x, y] < 128)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>
    /// The body's outline width across row <paramref name="y"/>: the person-mask run through <paramref name="centreX"/>,
    /// cut at an arm that hangs inside it (the arm's line, shoulder → elbow → wrist, plus a margin), or null when the
    /// row is outside the photo or empty there.
    /// </summary>
    public (float Left, float Right)? OutlineAt(float y, float centreX)
    {
        var row = (int)MathF.Round(y);
        if (row < 0 || row >= PersonMask.Height)
        {
            return null;
        }

        var runs = PersonMask.RowRuns(row);
        var x = (int)Math.Clamp(centreX, 0, PersonMask.Width - 1);
        var through = runs.FirstOrDefault(r => r.Start <= x && x < r.End);
        if (through == default)
        {
            return null;
        }

        float left = through.Start, right = through.End;
        var margin = 0.1f * ShoulderWidth;
        if (ArmX(RightShoulder, RightElbow, RightWrist, y) is { } r && r > left && r < centreX)
        {
            left = r + margin;
        }

        if (ArmX(LeftShoulder, LeftElbow, LeftWrist, y) is { } l && l < right && l > centreX)
        {
            right = l - margin;
        }

        return right > left ? (left, right) : null;
    }

    private static float? ArmX(SKPoint shoulder, SKPoint elbow, SKPoint wrist, float y)
    {
        SKPoint[] chain = [shoulder, elbow, wrist];
        for (var i = 0; i < 2; i++)
        {
            var (a, b) = (chain[i], chain[i + 1]);
            if (MathF.Abs(b.Y - a.Y) < 1)
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

    /// <summary>
    /// The head's radius from the face keypoints seen, the largest of: 0.62 × ear to ear, 1.4 × eye to eye, and 0.9 ×
    /// nose to an ear. A face in profile shows its eyes close together and one ear, so only the nose-to-ear estimate
    /// sees the whole head there; 0 when none applies.
    /// </summary>
    private static float HeadRadiusFrom(SKPoint? leftEar, SKPoint? rightEar, SKPoint? leftEye, SKPoint? rightEye, SKPoint? nose)
    {
        var radius = 0f;
        if (leftEar is { } le && rightEar is { } re)
        {
            radius = Math.Max(radius, 0.62f * SKPoint.Distance(le, re));
        }

        if (leftEye is { } a && rightEye is { } b)
        {
            radius = Math.Max(radius, 1.4f * SKPoint.Distance(a, b));
        }

        foreach (var ear in new[] { leftEar, rightEar })
        {
            if (ear is { } e && nose is { } n)
            {
                radius = Math.Max(radius, 0.9f * SKPoint.Distance(e, n));
            }
        }

        return radius;
    }

    /// <summary>Completes a pair from one side by mirroring across the vertical through <paramref name="centre"/>.</summary>
    private static (SKPoint? Right, SKPoint? Left) Mirror(SKPoint? right, SKPoint? left, SKPoint? centre)
    {
        if (right is null && left is { } l && centre is { } c)
        {
            return (new SKPoint((2 * c.X) - l.X, l.Y), left);
        }

        if (left is null && right is { } r && centre is { } c2)
        {
            return (right, new SKPoint((2 * c2.X) - r.X, r.Y));
        }

        return (right, left);
    }

    internal static SKPoint Mid(SKPoint a, SKPoint b) => new((a.X + b.X) / 2f, (a.Y + b.Y) / 2f);

    internal static SKPoint Lerp(SKPoint a, SKPoint b, float t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));

    internal static SKPoint Scale(SKPoint v, float s) => new(v.X * s, v.Y * s);

    internal static float Dot(SKPoint a, SKPoint b) => (a.X * b.X) + (a.Y * b.Y);

    internal static SKPoint Unit(SKPoint v)
    {
        var length = v.Length;
        return length < 1e-4f ? new SKPoint(0, 1) : new SKPoint(v.X / length, v.Y / length);
    }
}
