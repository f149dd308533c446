using Drape.Vision.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Drape.Vision.Faces;

/// <summary>One BlazeFace network (front 128 px or back 256 px) on ONNX Runtime, with MediaPipe's decoding.</summary>
internal sealed class BlazeFaceModel(ModelManager models, string name, int size)
{
    private const float MaxLogit = 100f;

    public int Size { get; } = size;

    /// <summary>Detections above <paramref name="minScore"/> in one region of the image, in original pixels (before NMS).</summary>
    public List<FaceDetection> Detect(SKBitmap image, SKRect region, float minScore)
    {
        var letterbox = new Letterbox(region, Size);
        var tensor = new DenseTensor<float>([1, Size, Size, 3]);
        using (var input = letterbox.Render(image))
        {
            Letterbox.ToTensor(input, tensor.Buffer.Span);
        }

        var (scores1, scores2, boxes1, boxes2) = Run(tensor);

        var found = new List<FaceDetection>();
        for (var a = 0; a < BlazeFaceAnchors.Count; a++)
        {
            var first = a < BlazeFaceAnchors.FirstLayerCount;
            var index = first ? a : a - BlazeFaceAnchors.FirstLayerCount;
            var logit = Math.Clamp(first ? scores1[index] : scores2[index], -MaxLogit, MaxLogit);
            var score = 1f / (1f + MathF.Exp(-logit));
            if (score < minScore)
            {
                continue;
            }

            var raw = (first ? boxes1 : boxes2).AsSpan(index * 16, 16);
            found.Add(Decode(raw, BlazeFaceAnchors.Centres[a], score, letterbox));
        }

        return found;
    }

    private (float[] Scores1, float[] Scores2, float[] Boxes1, float[] Boxes2) Run(DenseTensor<float> tensor)
    {
        var results = models.Run(name, [NamedOnnxValue.CreateFromTensor("input:0", tensor)]);
        var byName = results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
        return (byName["Identity:0"], byName["Identity_1:0"], byName["Identity_2:0"], byName["Identity_3:0"]);
    }

    private FaceDetection Decode(ReadOnlySpan<float> raw, SKPoint anchor, float score, Letterbox letterbox)
    {
        var centre = letterbox.ToImage(anchor.X + (raw[0] / Size), anchor.Y + (raw[1] / Size));
        var halfWidth = letterbox.ToImageLength(raw[2] / Size) / 2f;
        var halfHeight = letterbox.ToImageLength(raw[3] / Size) / 2f;
        var landmarks = new SKPoint[6];
        for (var k = 0; k < 6; k++)
        {
            landmarks[k] = letterbox.ToImage(anchor.X + (raw[4 + (2 * k)] / Size), anchor.Y + (raw[5 + (2 * k)] / Size));
        }

        var box = new SKRect(centre.X - halfWidth, centre.Y - halfHeight, centre.X + halfWidth, centre.Y + halfHeight);
        return new FaceDetection(box, score, landmarks);
    }
}
