using Drape.Imaging.Masks;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Drape.Vision.Segmentation;

/// <summary>
/// Which pixels are a person (the selfie segmentation model): the photo is letterboxed to 256×256, and the model's
/// probability map is sampled back (bilinear, pixel centres) to every pixel of the original, so the mask has the
/// photo's size. Requests go through a <see cref="MicroBatcher{TItem,TResult}"/> so concurrent callers share runs.
/// </summary>
public sealed class PersonSegmenter : IAsyncDisposable
{
    public const string Model = "selfie";
    private const int Size = 256;
    private const int Plane = Size * Size;

    private readonly ModelManager _models;
    private readonly MicroBatcher<float[], float[]> _batcher;

    public PersonSegmenter(ModelManager models, int maxBatch = 4, TimeSpan? maxWait = null)
    {
        _models = models;
        _batcher = new MicroBatcher<float[], float[]>(RunBatch, maxBatch, maxWait ?? TimeSpan.FromMilliseconds(5));
    }

    /// <summary>Person coverage 0..255 at the photo's size.</summary>
    public async Task<Mask> SegmentAsync(SKBitmap image, CancellationToken cancellationToken = default)
    {
        var letterbox = new Letterbox(SKRect.Create(image.Width, image.Height), Size);
        var input = new float[Plane * 3];
        using (var rendered = letterbox.Render(image))
        {
            Letterbox.ToUnitTensor(rendered, input);
        }

        var probability = await _batcher.SubmitAsync(input, cancellationToken);
        return ToImage(probability, letterbox, image.Width, image.Height);
    }

    private float[][] RunBatch(IReadOnlyList<float[]> inputs)
    {
        using var lease = _models.Acquire(Model);
        var tensor = new DenseTensor<float>([inputs.Count, Size, Size, 3]);
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i].CopyTo(tensor.Buffer.Span[(i * Plane * 3)..]);
        }

        using var results = lease.Run([NamedOnnxValue.CreateFromTensor("input_1", tensor)]);
        var output = results.First().AsTensor<float>().ToArray();
        return Enumerable.Range(0, inputs.Count).Select(i => output.AsSpan(i * Plane, Plane).ToArray()).ToArray();
    }

    /// <summary>Samples the 256×256 map at each original pixel's centre, mapped through the letterbox.</summary>
    internal static Mask ToImage(float[] probability, Letterbox letterbox, int width, int height)
    {
        var mask = new Mask(width, height);
        var data = mask.Data;
        var origin = letterbox.FromImage(0.5f, 0.5f);
        var step = letterbox.FromImage(1.5f, 1.5f);
        var (dx, dy) = (step.X - origin.X, step.Y - origin.Y);
        for (var y = 0; y < height; y++)
        {
            var v = origin.Y + (y * dy) - 0.5f;
            var y0 = Math.Clamp((int)MathF.Floor(v), 0, Size - 1);
            var y1 = Math.Min(y0 + 1, Size - 1);
            var fy = Math.Clamp(v - y0, 0f, 1f);
            for (var x = 0; x < width; x++)
            {
                var u = origin.X + (x * dx) - 0.5f;
                var x0 = Math.Clamp((int)MathF.Floor(u), 0, Size - 1);
                var x1 = Math.Min(x0 + 1, Size - 1);
                var fx = Math.Clamp(u - x0, 0f, 1f);
                var top = probability[(y0 * Size) + x0] + ((probability[(y0 * Size) + x1] - probability[(y0 * Size) + x0]) * fx);
                var bottom = probability[(y1 * Size) + x0] + ((probability[(y1 * Size) + x1] - probability[(y1 * Size) + x0]) * fx);
                data[(y * width) + x] = (byte)Math.Clamp((int)MathF.Round((top + ((bottom - top) * fy)) * 255f), 0, 255);
            }
        }

        return mask;
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
