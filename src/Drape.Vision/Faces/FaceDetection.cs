using SkiaSharp;

namespace Drape.Vision.Faces;

/// <summary>A detected face in original image pixels.</summary>
/// <param name="Landmarks">Six points, in BlazeFace's order: right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion (the subject's right and left).</param>
public sealed record FaceDetection(SKRect Box, float Score, IReadOnlyList<SKPoint> Landmarks)
{
    public SKPoint RightEye => Landmarks[0];

    public SKPoint LeftEye => Landmarks[1];

    public SKPoint Nose => Landmarks[2];

    public SKPoint Mouth => Landmarks[3];
}

public interface IFaceDetector
{
    /// <summary>All faces found, best first. <paramref name="image"/> is Rgba8888, upright.</summary>
    IReadOnlyList<FaceDetection> Detect(SKBitmap image);
}
