using Drape.Imaging.Masks;
using Drape.Vision.Pose;
using SkiaSharp;

namespace Drape.Vision.Body;

/// <summary>How much of a person the photo shows.</summary>
public enum BodyMode
{
    None,
    HeadOnly,
    UpperBody,
    FullBody,
}

/// <summary>Widths across the person's silhouette (mask) at keypoint-derived heights, in original pixels.</summary>
/// <param name="TorsoLength">Shoulder line to hip line.</param>
public sealed record BodyMeasurements(float ShoulderWidth, float WaistWidth, float HipWidth, float TorsoLength)
{
    public float WaistToHip => WaistWidth / HipWidth;

    public float ShoulderToHip => ShoulderWidth / HipWidth;

    public float WaistToShoulder => WaistWidth / ShoulderWidth;

    /// <summary>Waist width against torso length: how broad the body is for its size.</summary>
    public float WaistToTorso => WaistWidth / TorsoLength;
}

/// <param name="BodyType">slim, athletic, average, curvy or plus_size; null when shoulders and hips are not both visible.</param>
public sealed record BodyAnalysis(
    bool PersonFound,
    BodyMode Mode,
    float KeypointCoverage,
    BodyPose Pose,
    SKRectI Box,
    string? BodyType,
    BodyMeasurements? Measurements,
    Mask Mask);
