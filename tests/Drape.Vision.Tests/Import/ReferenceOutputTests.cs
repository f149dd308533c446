using System.Text.Json.Nodes;
using Drape.Testing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Drape.Vision.Tests.Import;

/// <summary>
/// The proof of the importer: each shipped tfjs model, converted to ONNX, gives the outputs the original gave in
/// tfjs 4.22 (pure-JS CPU backend) on the same input (<c>scripts/reference</c> wrote them with the input PNGs).
/// </summary>
public sealed class ReferenceOutputTests
{
    private const double Tolerance = 1e-3;

    public static TheoryData<string, string> Cases => new()
    {
        { "movenet-thunder", "man-suit-studio" },
        { "movenet-thunder", "yoga-warrior-beach" },
        { "movenet-thunder", "woman-business" },
        { "movenet-lightning", "man-suit-studio" },
        { "movenet-lightning", "yoga-warrior-beach" },
        { "movenet-lightning", "woman-business" },
        { "selfie", "man-suit-studio" },
        { "selfie", "yoga-warrior-beach" },
        { "selfie", "woman-business" },
        { "facemesh", "man-dark-skin" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Converted_model_matches_tfjs(string model, string photo)
    {
        var reference = JsonNode.Parse(File.ReadAllText(TestAssets.FixturePath($"reference/{model}/{photo}.json")))!;
        var input = reference["input"]!;
        using var lease = await TestModels.Manager.AcquireAsync(model);
        using var results = lease.Run([InputTensor(input, $"reference/{model}/{photo}.png")]);

        foreach (var (name, expected) in reference["outputs"]!.AsObject())
        {
            var actual = results.Single(r => r.Name == name).AsTensor<float>();
            Assert.Equal(expected!["shape"]!.AsArray().Select(d => d!.GetValue<int>()), actual.Dimensions.ToArray());
            var values = actual.ToArray();
            var (indices, wanted) = Expected(expected, actual.Dimensions.ToArray());
            var worst = indices.Select((index, i) => Math.Abs(values[index] - wanted[i])).Max();
            Assert.True(worst <= Tolerance, $"{model}/{photo} {name}: max abs difference {worst:E2} > {Tolerance:E0}");
            if (expected["mean"] is { } mean)
            {
                Assert.Equal(mean.GetValue<double>(), values.Average(v => (double)v), 3);
            }

            if (model.StartsWith("movenet", StringComparison.Ordinal))
            {
                var side = reference["letterbox"]!["side"]!.GetValue<double>();
                for (var k = 0; k < 17; k++)
                {
                    var dy = Math.Abs(values[3 * k] - wanted[3 * k]) * side;
                    var dx = Math.Abs(values[(3 * k) + 1] - wanted[(3 * k) + 1]) * side;
                    Assert.True(dx <= 1 && dy <= 1, $"{model}/{photo} keypoint {k} is {dx:F2}, {dy:F2} px from tfjs");
                }
            }
        }
    }

    private static NamedOnnxValue InputTensor(JsonNode input, string png)
    {
        using var image = TestAssets.LoadFixture(png);
        var pixels = image.GetPixelSpan();
        var shape = input["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
        var name = input["name"]!.GetValue<string>();
        Assert.Equal([1, image.Height, image.Width, 3], shape);
        var count = image.Width * image.Height;
        if (input["dtype"]!.GetValue<string>() == "int32")
        {
            var ints = new DenseTensor<int>(shape);
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < 3; c++)
                {
                    ints.Buffer.Span[(3 * i) + c] = pixels[(4 * i) + c];
                }
            }

            return NamedOnnxValue.CreateFromTensor(name, ints);
        }

        var floats = new DenseTensor<float>(shape);
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                floats.Buffer.Span[(3 * i) + c] = pixels[(4 * i) + c] / 255f;
            }
        }

        return NamedOnnxValue.CreateFromTensor(name, floats);
    }

    /// <summary>All values, or the strided sample (every stride-th row and column of an [1, H, W, 1] map).</summary>
    private static (int[] Indices, double[] Values) Expected(JsonNode expected, int[] dims)
    {
        if (expected["values"] is { } all)
        {
            var values = all.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            return (Enumerable.Range(0, values.Length).ToArray(), values);
        }

        var sample = expected["sample"]!;
        var stride = sample["stride"]!.GetValue<int>();
        var (height, width) = (dims[1], dims[2]);
        var indices = new List<int>();
        for (var y = 0; y < height; y += stride)
        {
            for (var x = 0; x < width; x += stride)
            {
                indices.Add((y * width) + x);
            }
        }

        return (indices.ToArray(), sample["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray());
    }
}
