namespace Drape.Vision.Pose;

/// <summary>A keypoint in original image pixels; <see cref="Score"/> is MoveNet's confidence (0..1).</summary>
public sealed record Keypoint(string Name, float X, float Y, float Score);

/// <summary>MoveNet's 17 COCO keypoints of one person, in original image pixels.</summary>
public sealed record BodyPose(IReadOnlyList<Keypoint> Keypoints)
{
    /// <summary>A keypoint counts as visible at this score (as seed 001's onboarding counts keypoint coverage).</summary>
    public const float VisibleScore = 0.3f;

    /// <summary>The COCO order MoveNet outputs.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
        "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    ];

    public Keypoint this[string name] => Keypoints[IndexOf(name)];

    public bool Visible(string name) => this[name].Score >= VisibleScore;

    /// <summary>Share of the 17 keypoints with score ≥ <see cref="VisibleScore"/>.</summary>
    public float Coverage => Keypoints.Count(k => k.Score >= VisibleScore) / (float)Keypoints.Count;

    public float MeanScore => Keypoints.Average(k => k.Score);

    private static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No keypoint named '{name}'.", nameof(name));
    }
}
