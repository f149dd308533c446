using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// What the built-in engine saw, drawn for people tuning it (<c>drape tryon --debug</c>): on the person, the pose
/// (joints MoveNet found in green, joints completed from proportions in orange), the head circle, where the garment's
/// shoulder points landed (magenta), what stays in front (cyan tint) and what of the old garment gives way (red tint);
/// on the cut-out, the garment's landmarks.
/// </summary>
public static class TryOnDebugView
{
    private static readonly (string From, string To)[] Bones =
    [
        ("right_shoulder", "left_shoulder"), ("right_shoulder", "right_elbow"), ("right_elbow", "right_wrist"),
        ("left_shoulder", "left_elbow"), ("left_elbow", "left_wrist"), ("right_shoulder", "right_hip"),
        ("left_shoulder", "left_hip"), ("right_hip", "left_hip"), ("right_hip", "right_knee"), ("right_knee", "right_ankle"),
        ("left_hip", "left_knee"), ("left_knee", "left_ankle"),
    ];

    public static SKBitmap Person(TryOnTrace trace)
    {
        var view = trace.Person.Copy();
        Tint(view, trace.Replace, new SKColor(255, 40, 40));
        Tint(view, trace.KeepOnTop, new SKColor(0, 220, 255));
        using var canvas = new SKCanvas(view);
        var body = trace.Body;
        var joints = Joints(body);
        var size = Math.Max(2f, view.Width / 160f);
        using var line = new SKPaint { IsAntialias = true, Color = SKColors.White, StrokeWidth = size / 2, Style = SKPaintStyle.Stroke };
        foreach (var (from, to) in Bones)
        {
            canvas.DrawLine(joints[from], joints[to], line);
        }

        using var dot = new SKPaint { IsAntialias = true };
        foreach (var (name, point) in joints)
        {
            dot.Color = body.Pose.Visible(name) ? SKColors.LimeGreen : SKColors.Orange;
            canvas.DrawCircle(point, size, dot);
        }

        if (body.HeadCentre is { } head)
        {
            canvas.DrawCircle(head, body.HeadRadius, line);
        }

        dot.Color = SKColors.Magenta;
        canvas.DrawCircle(trace.GarmentRightShoulder, size, dot);
        canvas.DrawCircle(trace.GarmentLeftShoulder, size, dot);
        return view;
    }

    public static SKBitmap Garment(TryOnTrace trace)
    {
        var cutout = trace.Cutout.Image;
        var view = new SKBitmap(new SKImageInfo(cutout.Width, cutout.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(view);
        canvas.Clear(new SKColor(200, 200, 200));
        using (var image = SKImage.FromBitmap(cutout))
        {
            canvas.DrawImage(image, 0, 0);
        }

        var g = trace.Landmarks;
        var size = Math.Max(2f, view.Width / 120f);
        using var dot = new SKPaint { IsAntialias = true, Color = SKColors.Magenta };
        SKPoint?[] points = [g.NeckCentre, g.RightShoulder, g.LeftShoulder, g.RightArmpit, g.LeftArmpit, g.RightSleeveEnd, g.LeftSleeveEnd,
            g.RightWaist, g.LeftWaist, g.RightHem, g.LeftHem, g.Crotch, g.RightLegOpening, g.LeftLegOpening];
        foreach (var point in points.OfType<SKPoint>())
        {
            canvas.DrawCircle(point, size, dot);
        }

        return view;
    }

    private static Dictionary<string, SKPoint> Joints(BodyFrame b) => new(StringComparer.Ordinal)
    {
        ["right_shoulder"] = b.RightShoulder, ["left_shoulder"] = b.LeftShoulder, ["right_elbow"] = b.RightElbow,
        ["left_elbow"] = b.LeftElbow, ["right_wrist"] = b.RightWrist, ["left_wrist"] = b.LeftWrist,
        ["right_hip"] = b.RightHip, ["left_hip"] = b.LeftHip, ["right_knee"] = b.RightKnee, ["left_knee"] = b.LeftKnee,
        ["right_ankle"] = b.RightAnkle, ["left_ankle"] = b.LeftAnkle,
    };

    /// <summary>Mixes <paramref name="colour"/> into the pixels under <paramref name="mask"/> (up to half).</summary>
    private static void Tint(SKBitmap view, Mask mask, SKColor colour)
    {
        var pixels = view.GetPixelSpan();
        for (var i = 0; i < mask.Data.Length; i++)
        {
            var t = mask.Data[i] / 510f;
            if (t <= 0)
            {
                continue;
            }

            var p = i * 4;
            pixels[p] = (byte)((pixels[p] * (1 - t)) + (colour.Red * t));
            pixels[p + 1] = (byte)((pixels[p + 1] * (1 - t)) + (colour.Green * t));
            pixels[p + 2] = (byte)((pixels[p + 2] * (1 - t)) + (colour.Blue * t));
        }
    }
}
