using System.Text.Json.Nodes;

namespace Drape.ModelImport.Tfjs;

/// <summary>
/// A TensorFlow.js graph model read from disk: the <c>modelTopology</c> nodes of its JSON file and the weights of its
/// shards, decoded to plain arrays (float16 widened to float32 and uint8 affine-dequantised as tfjs does when loading).
/// </summary>
public sealed class TfjsGraphModel
{
    private TfjsGraphModel(IReadOnlyList<TfNode> nodes, IReadOnlyDictionary<string, TfTensor> weights, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        Nodes = nodes;
        Weights = weights;
        SignatureInputs = inputs;
        SignatureOutputs = outputs;
    }

    /// <summary>Tensor names of the signature's inputs (e.g. <c>input_1:0</c>); empty when the model has no signature.</summary>
    public IReadOnlyList<string> SignatureInputs { get; }

    /// <summary>Tensor names of the signature's outputs (e.g. <c>Identity:0</c>); empty when the model has no signature.</summary>
    public IReadOnlyList<string> SignatureOutputs { get; }

    public IReadOnlyList<TfNode> Nodes { get; }

    /// <summary>Constant tensors by node name (the weights manifest names Const nodes).</summary>
    public IReadOnlyDictionary<string, TfTensor> Weights { get; }

    /// <summary>Reads <paramref name="jsonPath"/> and its shards (found next to it, in manifest order).</summary>
    public static TfjsGraphModel Load(string jsonPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(jsonPath)) ?? throw new ModelImportException($"{Path.GetFileName(jsonPath)} is empty.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        var nodes = (root["modelTopology"]?["node"]?.AsArray() ?? throw new ModelImportException("The model JSON has no modelTopology.node: is it a tfjs graph model?"))
            .Select(n => TfNode.FromJson(n!.AsObject()))
            .ToList();
        var weights = new Dictionary<string, TfTensor>(StringComparer.Ordinal);
        foreach (var group in root["weightsManifest"]?.AsArray() ?? [])
        {
            var data = group!["paths"]!.AsArray().SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p!.GetValue<string>()))).ToArray();
            var offset = 0;
            foreach (var spec in group["weights"]!.AsArray())
            {
                var tensor = DecodeWeight(spec!.AsObject(), data, ref offset);
                weights[spec["name"]!.GetValue<string>()] = tensor;
            }

            if (offset != data.Length)
            {
                throw new ModelImportException($"The weight shards hold {data.Length} bytes but the manifest describes {offset}.");
            }
        }

        return new TfjsGraphModel(nodes, weights, SignatureNames(root, "inputs"), SignatureNames(root, "outputs"));
    }

    private static TfTensor DecodeWeight(JsonObject spec, byte[] data, ref int offset)
    {
        var name = spec["name"]!.GetValue<string>();
        var shape = spec["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
        var dtype = spec["dtype"]!.GetValue<string>();
        var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        var quantization = spec["quantization"]?.AsObject();
        if (quantization is not null)
        {
            var stored = quantization["dtype"]!.GetValue<string>();
            switch (stored)
            {
                case "float16":
                {
                    var values = new float[count];
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = (float)BitConverter.ToHalf(data, offset + (2 * i));
                    }

                    offset += 2 * count;
                    return TfTensor.Float(shape, values);
                }
                case "uint8":
                case "uint16":
                {
                    var width = stored == "uint8" ? 1 : 2;
                    var scale = quantization["scale"]!.GetValue<float>();
                    var min = quantization["min"]?.GetValue<float>() ?? 0f;
                    var values = new float[count];
                    for (var i = 0; i < count; i++)
                    {
                        var q = width == 1 ? data[offset + i] : BitConverter.ToUInt16(data, offset + (2 * i));
                        values[i] = (q * scale) + min;
                    }

                    offset += width * count;
                    return dtype == "int32" ? TfTensor.Int(shape, values.Select(v => (int)MathF.Round(v)).ToArray()) : TfTensor.Float(shape, values);
                }
                default:
                    throw new ModelImportException($"Weight '{name}' uses quantisation '{stored}', which the importer does not read.");
            }
        }

        switch (dtype)
        {
            case "float32":
            {
                var values = new float[count];
                Buffer.BlockCopy(data, offset, values, 0, 4 * count);
                offset += 4 * count;
                return TfTensor.Float(shape, values);
            }
            case "int32":
            {
                var values = new int[count];
                Buffer.BlockCopy(data, offset, values, 0, 4 * count);
                offset += 4 * count;
                return TfTensor.Int(shape, values);
            }
            case "bool":
            {
                var values = data.AsSpan(offset, count).ToArray().Select(b => (int)b).ToArray();
                offset += count;
                return TfTensor.Int(shape, values) with { DType = TfDType.Bool };
            }
            default:
                throw new ModelImportException($"Weight '{name}' has dtype '{dtype}', which the importer does not read.");
        }
    }

    private static List<string> SignatureNames(JsonNode root, string kind) =>
        root["signature"]?[kind]?.AsObject().Select(p => p.Value?["name"]?.GetValue<string>() ?? p.Key).ToList() ?? [];

    /// <summary>Builds a model from parts already in memory (tests build small graphs this way).</summary>
    public static TfjsGraphModel FromParts(IReadOnlyList<TfNode> nodes, IReadOnlyDictionary<string, TfTensor> weights, IReadOnlyList<string> outputs) =>
        new(nodes, weights, [], outputs);
}
