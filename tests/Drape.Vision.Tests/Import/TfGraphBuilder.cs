using System.Text;
using System.Text.Json.Nodes;
using Drape.ModelImport.Tfjs;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace Drape.Vision.Tests.Import;

/// <summary>A dense row-major tensor for test inputs and naive reference results: float or int32 data and a shape.</summary>
internal sealed record Nd(int[] Shape, float[]? Floats, int[]? Ints)
{
    public static Nd F(float[] values, params int[] shape)
    {
        Assert.Equal(shape.Aggregate(1, (a, b) => a * b), values.Length);
        return new Nd(shape, values, null);
    }

    public static Nd I(int[] values, params int[] shape)
    {
        Assert.Equal(shape.Aggregate(1, (a, b) => a * b), values.Length);
        return new Nd(shape, null, values);
    }

    /// <summary>Uniform random floats in [-1, 1) from a fixed seed.</summary>
    public static Nd Random(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var count = shape.Aggregate(1, (a, b) => a * b);
        return new Nd(shape, Enumerable.Range(0, count).Select(_ => (random.NextSingle() * 2) - 1).ToArray(), null);
    }

    public float[] Data => Floats ?? throw new InvalidOperationException("Not a float tensor.");

    public int[] IntData => Ints ?? throw new InvalidOperationException("Not an int tensor.");

    public int Count => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>The flat index of <paramref name="index"/> (row-major).</summary>
    public int Offset(params int[] index)
    {
        var offset = 0;
        for (var axis = 0; axis < Shape.Length; axis++)
        {
            offset = (offset * Shape[axis]) + index[axis];
        }

        return offset;
    }

    public float this[params int[] index] => Data[Offset(index)];

    /// <summary>The multi-index of flat position <paramref name="offset"/>.</summary>
    public static int[] Unravel(int[] shape, int offset)
    {
        var index = new int[shape.Length];
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = offset % shape[axis];
            offset /= shape[axis];
        }

        return index;
    }
}

/// <summary>tfjs attribute values in their JSON encoding.</summary>
internal static class TfAttr
{
    public static JsonNode I(long value) => new JsonObject { ["i"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static JsonNode F(float value) => new JsonObject { ["f"] = value };

    public static JsonNode B(bool value) => new JsonObject { ["b"] = value };

    public static JsonNode S(string value) => new JsonObject { ["s"] = System.Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) };

    public static JsonNode Ints(params long[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["i"] = new JsonArray([.. values.Select(v => (JsonNode)v.ToString(System.Globalization.CultureInfo.InvariantCulture))]) } };

    public static JsonNode Strings(params string[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["s"] = new JsonArray([.. values.Select(v => (JsonNode)System.Convert.ToBase64String(Encoding.UTF8.GetBytes(v)))]) } };

    public static JsonNode DType(string type) => new JsonObject { ["type"] = type };

    public static JsonNode Shape(params long[] dims) =>
        new JsonObject { ["shape"] = new JsonObject { ["dim"] = new JsonArray([.. dims.Select(d => (JsonNode)new JsonObject { ["size"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture) })]) } };

    /// <summary>Strides, padding and (optionally) fused ops of a convolution or pool.</summary>
    public static (string, JsonNode)[] Conv(int stride, string padding, params string[] fused)
    {
        var attributes = new List<(string, JsonNode)>
        {
            ("T", DType("DT_FLOAT")),
            ("strides", Ints(1, stride, stride, 1)),
            ("padding", S(padding)),
            ("data_format", S("NHWC")),
            ("dilations", Ints(1, 1, 1, 1)),
        };
        if (fused.Length > 0)
        {
            attributes.Add(("fused_ops", Strings(fused)));
            attributes.Add(("num_args", I(fused.Contains("Prelu") ? 2 : 1)));
            attributes.Add(("epsilon", F(0)));
        }

        return [.. attributes];
    }
}

/// <summary>
/// Builds a small tfjs graph in memory, converts it with <see cref="TfjsToOnnx"/> and runs the ONNX model with
/// ONNX Runtime on the placeholders' values.
/// </summary>
internal sealed class TfGraph
{
    private readonly List<TfNode> _nodes = [];
    private readonly Dictionary<string, TfTensor> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Nd> _feeds = new(StringComparer.Ordinal);

    public IReadOnlyList<TfNode> Nodes => _nodes;

    /// <summary>A Placeholder whose value in <see cref="Run"/> is <paramref name="value"/>.</summary>
    public string Input(string name, Nd value)
    {
        var dtype = value.Floats is not null ? "DT_FLOAT" : "DT_INT32";
        _nodes.Add(new TfNode(name, "Placeholder", [], new JsonObject
        {
            ["dtype"] = TfAttr.DType(dtype),
            ["shape"] = TfAttr.Shape([.. value.Shape.Select(d => (long)d)]),
        }));
        _feeds[name] = value;
        return name;
    }

    public string Const(string name, Nd value)
    {
        var shape = value.Shape.Select(d => (long)d).ToArray();
        _weights[name] = value.Floats is not null ? TfTensor.Float(shape, value.Floats) : TfTensor.Int(shape, value.IntData);
        _nodes.Add(new TfNode(name, "Const", [], new JsonObject { ["dtype"] = TfAttr.DType(value.Floats is not null ? "DT_FLOAT" : "DT_INT32") }));
        return name;
    }

    public string Const(string name, float[] values, params int[] shape) => Const(name, Nd.F(values, shape));

    public string ConstInt(string name, int[] values, params int[] shape) => Const(name, Nd.I(values, shape));

    public string Node(string name, string op, string[] inputs, params (string Key, JsonNode Value)[] attributes)
    {
        var json = new JsonObject();
        foreach (var (key, value) in attributes)
        {
            json[key] = value;
        }

        _nodes.Add(new TfNode(name, op, inputs, json));
        return name;
    }

    public TfjsGraphModel Model(params string[] outputs) => TfjsGraphModel.FromParts(_nodes, _weights, outputs);

    public ModelProto Convert(params string[] outputs) => TfjsToOnnx.Convert(Model(outputs));

    /// <summary>Converts, runs and returns each output (by the given TF tensor name).</summary>
    public Dictionary<string, Nd> Run(params string[] outputs) => Execute(Convert(outputs), outputs);

    public Nd Run1(string output) => Run(output)[output];

    /// <summary>
    /// Runs <paramref name="model"/> with all of ONNX Runtime's graph optimisations (as the app loads models) and with
    /// none, checks that the two agree, and returns the optimised run's outputs.
    /// </summary>
    public Dictionary<string, Nd> Execute(ModelProto model, params string[] outputs)
    {
        var bytes = model.ToByteArray();
        var optimised = Execute(bytes, GraphOptimizationLevel.ORT_ENABLE_ALL, outputs);
        var plain = Execute(bytes, GraphOptimizationLevel.ORT_DISABLE_ALL, outputs);
        foreach (var output in outputs)
        {
            if (optimised[output].Floats is not null)
            {
                AssertClose(plain[output], optimised[output], 1e-5);
            }
            else
            {
                AssertEqualInts(plain[output], optimised[output]);
            }
        }

        return optimised;
    }

    private Dictionary<string, Nd> Execute(byte[] model, GraphOptimizationLevel level, string[] outputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var feeds = _feeds.Select(p => p.Value.Floats is not null
            ? NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<float>(p.Value.Floats, p.Value.Shape))
            : NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<int>(p.Value.IntData, p.Value.Shape))).ToList();
        var names = outputs.Select(o => o.EndsWith(":0", StringComparison.Ordinal) ? o[..^2] : o).ToArray();
        using var results = session.Run(feeds, names);
        var byName = new Dictionary<string, Nd>(StringComparer.Ordinal);
        for (var i = 0; i < outputs.Length; i++)
        {
            var result = results.Single(r => r.Name == names[i]);
            byName[outputs[i]] = result.ElementType switch
            {
                TensorElementType.Float => Nd.F(result.AsTensor<float>().ToArray(), result.AsTensor<float>().Dimensions.ToArray()),
                TensorElementType.Int32 => Nd.I(result.AsTensor<int>().ToArray(), result.AsTensor<int>().Dimensions.ToArray()),
                TensorElementType.Int64 => Nd.I(result.AsTensor<long>().ToArray().Select(v => checked((int)v)).ToArray(), result.AsTensor<long>().Dimensions.ToArray()),
                var other => throw new InvalidOperationException($"Output {names[i]} has element type {other}."),
            };
        }

        return byName;
    }

    /// <summary>Asserts the shape and that every value is within <paramref name="tolerance"/> of the reference.</summary>
    public static void AssertClose(Nd expected, Nd actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.NotNull(actual.Floats);
        var worst = expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).DefaultIfEmpty(0).Max();
        Assert.True(worst <= tolerance, $"max abs difference {worst:E2} > {tolerance:E0}");
    }

    public static void AssertEqualInts(Nd expected, Nd actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.IntData, actual.IntData);
    }
}
