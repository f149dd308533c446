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
        var tensor = new DenseTensor<float>([inputs.Count, Size, Size, 3]);
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i].CopyTo(tensor.Buffer.Span[(i * Plane * 3)..]);
        }

        var results = _models.Run(Model, [NamedOnnxValue.CreateFromTensor("input_1", tensor)]);
        var output = results[0].AsTensor<float>().ToArray();
        return Enumerable.Range(0, inputs.Count).Select(i => output.AsSpan(i * Plane, Plane).ToArray()).ToArray();
    }

    /// <summary>Samples the 256×256 map at each original pixel's centre, mapped through the letterbox (bilinear).</summary>
    internal static Mask ToImage(float[] probability, Letterbox letterbox, int width, int height)
    {
        var mask = new Mask(width, height);
        var data = mask.Data;
        var origin = letterbox.FromImage(0.5f, 0.5f);
        var step = letterbox.FromImage(1.5f, 1.5f);
        var (x0s, x1s, fxs) = Taps(origin.X, step.X - origin.X, width);
        var (y0s, y1s, fys) = Taps(origin.Y, step.Y - origin.Y, height);
        // Upsampling reads each pair of map rows for several output rows: interpolate a map row across once, reuse it.
        var row0 = new float[width];
        var row1 = new float[width];
        int cached0 = -1, cached1 = -1;
        for (var y = 0; y < height; y++)
        {
            if (y0s[y] != cached0)
            {
                if (y0s[y] == cached1)
                {
                    (row0, row1) = (row1, row0);
                }
                else
                {
                    Across(probability, y0s[y], x0s, x1s, fxs, row0);
                }

                cached0 = y0s[y];
                cached1 = -1;
            }

            if (y1s[y] != cached1)
            {
                Across(probability, y1s[y], x0s, x1s, fxs, row1);
                cached1 = y1s[y];
            }

            var fy = fys[y];
            var output = data.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var value = (row0[x] + ((row1[x] - row0[x]) * fy)) * 255f;
                output[x] = value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5f);
            }
        }

        return mask;
    }

    private static void Across(float[] probability, int mapRow, int[] x0s, int[] x1s, float[] fxs, float[] row)
    {
        var source = probability.AsSpan(mapRow * Size, Size);
        for (var x = 0; x < row.Length; x++)
        {
            row[x] = source[x0s[x]] + ((source[x1s[x]] - source[x0s[x]]) * fxs[x]);
        }
    }

    /// <summary>For each output pixel along one axis: the two map cells around its sample position and the weight of the second.</summary>
    private static (int[] First, int[] Second, float[] Weight) Taps(float origin, float step, int count)
    {
        var first = new int[count];
        var second = new int[count];
        var weight = new float[count];
        for (var i = 0; i < count; i++)
        {
            var position = origin + (i * step) - 0.5f;
            var cell = Math.Clamp((int)MathF.Floor(position), 0, Size - 1);
            first[i] = cell;
            second[i] = Math.Min(cell + 1, Size - 1);
            weight[i] = Math.Clamp(position - cell, 0f, 1f);
        }

        return (first, second, weight);
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
