using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.Body;

/// <summary>
/// Where the body's landmarks probably are, derived from the face (<see cref="BodyProportions"/>), in image pixels.
/// "Left" and "right" are the subject's: the subject's right shoulder is on the image's left. The body axis follows the
/// head's roll (from the eyes). Points may lie outside the image (the frame cuts the body off).
/// </summary>
public sealed record BodyGeometry(
    SKRect Face,
    SKPoint Chin,
    SKPoint Neck,
    SKPoint RightShoulder,
    SKPoint LeftShoulder,
    SKPoint RightWaist,
    SKPoint LeftWaist,
    SKPoint RightHip,
    SKPoint LeftHip,
    SKPoint RightKnee,
    SKPoint LeftKnee,
    SKPoint RightAnkle,
    SKPoint LeftAnkle,
    SKRect HeadAndHair,
    SKPoint Down,
    SKPoint Across,
    float FaceHeight)
{
    public float ShoulderWidth => SKPoint.Distance(RightShoulder, LeftShoulder);

    public float HipWidth => SKPoint.Distance(RightHip, LeftHip);

    public static BodyGeometry FromFace(FaceDetection face, int imageWidth, int imageHeight)
    {
        _ = (imageWidth, imageHeight); // geometry may extend past the frame on purpose
        var box = face.Box;
        var roll = Math.Clamp(RollDegrees(face), -BodyProportions.MaxRollDegrees, BodyProportions.MaxRollDegrees) * MathF.PI / 180f;
        var across = new SKPoint(MathF.Cos(roll), MathF.Sin(roll)); // image-left → image-right along the shoulders
        var down = new SKPoint(-MathF.Sin(roll), MathF.Cos(roll));
        var chin = new SKPoint(box.MidX, box.Bottom);
        var fh = box.Height;
        var fw = box.Width;

        SKPoint Below(float faceHeights) => chin + Scale(down, faceHeights * fh);
        (SKPoint Right, SKPoint Left) Pair(float faceHeights, float widthInFaces)
        {
            var centre = Below(faceHeights);
            var half = Scale(across, widthInFaces * fw / 2f);
            return (centre - half, centre + half);
        }

        var shoulders = Pair(BodyProportions.Shoulder, BodyProportions.ShoulderWidth);
        var waist = Pair(BodyProportions.Waist, BodyProportions.WaistWidth);
        var hips = Pair(BodyProportions.Hip, BodyProportions.HipWidth);
        var knees = Pair(BodyProportions.Knee, BodyProportions.KneeSpread);
        var ankles = Pair(BodyProportions.Ankle, BodyProportions.AnkleSpread);
        var head = new SKRect(
            box.MidX - (fw * BodyProportions.HeadWidth / 2f),
            box.Top - (fh * BodyProportions.HairAbove),
            box.MidX + (fw * BodyProportions.HeadWidth / 2f),
            box.Bottom + (fh * BodyProportions.NeckBelow));

        return new BodyGeometry(box, chin, Below(BodyProportions.Shoulder * 0.5f), shoulders.Right, shoulders.Left, waist.Right, waist.Left,
            hips.Right, hips.Left, knees.Right, knees.Left, ankles.Right, ankles.Left, head, down, across, fh);
    }

    /// <summary>The head's roll in degrees: the angle of the line from the subject's right eye to the left eye.</summary>
    public static float RollDegrees(FaceDetection face) =>
        MathF.Atan2(face.LeftEye.Y - face.RightEye.Y, face.LeftEye.X - face.RightEye.X) * 180f / MathF.PI;

    internal static SKPoint Scale(SKPoint vector, float length) => new(vector.X * length, vector.Y * length);
}
