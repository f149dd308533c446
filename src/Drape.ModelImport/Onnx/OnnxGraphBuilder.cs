using System.Globalization;
using Drape.ModelImport.Tfjs;
using Google.Protobuf;
using Onnx;

namespace Drape.ModelImport.Onnx;

/// <summary>Collects nodes, initializers, inputs and outputs and writes an ONNX <see cref="ModelProto"/>.</summary>
public sealed class OnnxGraphBuilder
{
    public const int Opset = 18;

    private readonly GraphProto _graph = new() { Name = "drape" };
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _int64Constants = new(StringComparer.Ordinal);

    public IList<NodeProto> Nodes => _graph.Node;

    /// <summary>A fresh value name based on <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        var name = hint;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{hint}__{i}");
        }

        return name;
    }

    /// <summary>Adds a node with one output named after <paramref name="outputHint"/> and returns that name.</summary>
    public string Add(string opType, IEnumerable<string> inputs, string outputHint, params AttributeProto[] attributes) =>
        AddMany(opType, inputs, outputHint, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs; the first is named <paramref name="outputHint"/>.</summary>
    public string[] AddMany(string opType, IEnumerable<string> inputs, string outputHint, int outputCount, params AttributeProto[] attributes)
    {
        var outputs = Enumerable.Range(0, outputCount).Select(i => UniqueName(i == 0 ? outputHint : $"{outputHint}:{i}")).ToArray();
        var node = new NodeProto { OpType = opType, Name = outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Adds a constant tensor and returns its name.</summary>
    public string Initializer(string hint, TfTensor tensor)
    {
        var name = UniqueName(hint);
        _graph.Initializer.Add(ToTensorProto(name, tensor));
        return name;
    }

    /// <summary>An int64 constant (shapes, axes, pads), shared between nodes that need the same values.</summary>
    public string Int64s(params long[] values) => Int64s(values, [values.Length]);

    public string Int64Scalar(long value) => Int64s([value], []);

    private string Int64s(long[] values, long[] shape)
    {
        var key = $"{string.Join(',', shape)}|{string.Join(',', values)}";
        if (!_int64Constants.TryGetValue(key, out var name))
        {
            name = Initializer("const_i64", TfTensor.Long(shape, values));
            _int64Constants[key] = name;
        }

        return name;
    }

    public string FloatScalar(string hint, float value) => Initializer(hint, TfTensor.Float([], [value]));

    public void AddInput(string name, TfDType dtype, IReadOnlyList<long> shape)
    {
        _names.Add(name);
        _graph.Input.Add(ValueInfo(name, dtype, shape));
    }

    public void AddOutput(string name, TfDType dtype) => _graph.Output.Add(ValueInfo(name, dtype, null));

    public ModelProto Build(string producerVersion)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "drape-model-import",
            ProducerVersion = producerVersion,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    public static int OnnxType(TfDType dtype) => dtype switch
    {
        TfDType.Float => (int)TensorProto.Types.DataType.Float,
        TfDType.Int32 => (int)TensorProto.Types.DataType.Int32,
        TfDType.Int64 => (int)TensorProto.Types.DataType.Int64,
        TfDType.Bool => (int)TensorProto.Types.DataType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    public static TensorProto ToTensorProto(string name, TfTensor tensor)
    {
        var proto = new TensorProto { Name = name, DataType = OnnxType(tensor.DType) };
        proto.Dims.AddRange(tensor.Shape);
        byte[] raw;
        switch (tensor.DType)
        {
            case TfDType.Float:
                raw = new byte[tensor.Floats!.Length * 4];
                Buffer.BlockCopy(tensor.Floats, 0, raw, 0, raw.Length);
                break;
            case TfDType.Int32:
                raw = new byte[tensor.Ints!.Length * 4];
                for (var i = 0; i < tensor.Ints.Length; i++)
                {
                    BitConverter.TryWriteBytes(raw.AsSpan(i * 4), checked((int)tensor.Ints[i]));
                }

                break;
            case TfDType.Int64:
                raw = new byte[tensor.Ints!.Length * 8];
                Buffer.BlockCopy(tensor.Ints, 0, raw, 0, raw.Length);
                break;
            default:
                raw = tensor.Ints!.Select(v => (byte)(v != 0 ? 1 : 0)).ToArray();
                break;
        }

        proto.RawData = ByteString.CopyFrom(raw);
        return proto;
    }

    private static ValueInfoProto ValueInfo(string name, TfDType dtype, IReadOnlyList<long>? shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = OnnxType(dtype) };
        if (shape is not null)
        {
            tensorType.Shape = new TensorShapeProto();
            foreach (var dim in shape)
            {
                tensorType.Shape.Dim.Add(dim >= 0 ? new TensorShapeProto.Types.Dimension { DimValue = dim } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
            }
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
