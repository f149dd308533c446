using Drape.ModelImport.Onnx;
using Onnx;

namespace Drape.ModelImport.Tfjs;

/// <summary>
/// Converts a tfjs graph model to ONNX (opset 18). Every tensor keeps TensorFlow's NHWC meaning; ops that ONNX defines
/// on NCHW (convolutions, pools, resize, depth-to-space) are wrapped in transposes, and adjacent inverse transposes are
/// folded away afterwards (<see cref="TransposeFolding"/>). An op the importer does not know is an error naming it and
/// its node.
/// </summary>
public sealed partial class TfjsToOnnx
{
    private readonly TfjsGraphModel _model;
    private readonly TfjsImportOptions _options;
    private readonly OnnxGraphBuilder _graph = new();
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TfTensor> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TfDType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nchw = new(StringComparer.Ordinal);

    private TfjsToOnnx(TfjsGraphModel model, TfjsImportOptions options)
    {
        _model = model;
        _options = options;
    }

    /// <summary>Converts <paramref name="model"/>; the ONNX inputs and outputs are named after the TF tensors (<c>:0</c> dropped).</summary>
    public static ModelProto Convert(TfjsGraphModel model, TfjsImportOptions? options = null) =>
        new TfjsToOnnx(model, options ?? new TfjsImportOptions()).Run();

    private ModelProto Run()
    {
        var nodes = _model.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var outputs = _model.SignatureOutputs.Count > 0
            ? _model.SignatureOutputs.Select(Canonical).ToList()
            : Sinks(_model.Nodes).Select(n => $"{n.Name}:0").ToList();
        foreach (var node in Order(nodes, outputs))
        {
            ConvertNode(node);
        }

        var outputNames = new List<string>();
        foreach (var output in outputs)
        {
            var wanted = DisplayName(output);
            var value = Value(output);
            if (value != wanted)
            {
                value = _graph.Add("Identity", [value], wanted);
            }

            _graph.AddOutput(value, TypeOf(output));
            outputNames.Add(value);
        }

        TransposeFolding.Apply(_graph.Nodes, outputNames);
        return _graph.Build(_options.ProducerVersion);
    }

    private void ConvertNode(TfNode node)
    {
        if (node.Op == "Const")
        {
            var value = _model.Weights.TryGetValue(node.Name, out var weight)
                ? weight
                : throw new ModelImportException($"{node} has no value in the weights manifest.");
            _constants[$"{node.Name}:0"] = value;
            _types[$"{node.Name}:0"] = value.DType;
            return;
        }

        if (TryFold(node))
        {
            return;
        }

        if (!ConvertSpatial(node) && !ConvertMath(node) && !ConvertShape(node))
        {
            throw new ModelImportException($"Unsupported op '{node.Op}' in node '{node.Name}'.");
        }
    }

    /// <summary>The ONNX value of a TF tensor reference; constants become initializers on first use.</summary>
    private string Value(string reference)
    {
        var key = Canonical(reference);
        if (_values.TryGetValue(key, out var name))
        {
            return name;
        }

        if (_constants.TryGetValue(key, out var constant))
        {
            return _values[key] = _graph.Initializer(DisplayName(key), constant);
        }

        throw new ModelImportException($"Tensor '{reference}' is used before it is produced (is the graph complete?).");
    }

    private string Input(TfNode node, int index) =>
        index < node.Inputs.Count ? Value(node.Inputs[index]) : throw new ModelImportException($"{node} has no input {index}.");

    private TfTensor? ConstantOf(string reference) => _constants.GetValueOrDefault(Canonical(reference));

    private TfTensor RequireConstant(TfNode node, int index, string what) =>
        index < node.Inputs.Count && ConstantOf(node.Inputs[index]) is { } value
            ? value
            : throw new ModelImportException($"{node}: its {what} (input {index}) must be a constant; dynamic {what} is not supported.");

    private TfDType TypeOf(string reference) => _types.GetValueOrDefault(Canonical(reference), TfDType.Float);

    private void Set(TfNode node, string value, TfDType? type = null, int index = 0)
    {
        var key = $"{node.Name}:{index}";
        _values[key] = value;
        _types[key] = type ?? OutputType(node);
    }

    private void SetConstant(TfNode node, TfTensor value)
    {
        _constants[$"{node.Name}:0"] = value;
        _types[$"{node.Name}:0"] = value.DType;
    }

    private TfDType OutputType(TfNode node) =>
        node.Type("T") ?? node.Type("dtype") ?? (node.Inputs.Count > 0 ? TypeOf(node.Inputs[0]) : TfDType.Float);

    private string Add(string op, TfNode node, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        _graph.Add(op, inputs, node.Name, attributes);

    private string Helper(string op, TfNode node, string suffix, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        _graph.Add(op, inputs, $"{node.Name}/{suffix}", attributes);

    private static string Canonical(string reference) => reference.Contains(':', StringComparison.Ordinal) ? reference : $"{reference}:0";

    private static string DisplayName(string canonical) => canonical.EndsWith(":0", StringComparison.Ordinal) ? canonical[..^2] : canonical;

    private static IEnumerable<TfNode> Sinks(IReadOnlyList<TfNode> nodes)
    {
        var used = nodes.SelectMany(n => n.Inputs).Select(i => i.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        return nodes.Where(n => n.Op != "Const" && !used.Contains(n.Name));
    }

    /// <summary>The nodes the outputs depend on, each after its inputs.</summary>
    private static List<TfNode> Order(Dictionary<string, TfNode> nodes, IEnumerable<string> outputs)
    {
        var order = new List<TfNode>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        var stack = new Stack<(TfNode Node, bool Expanded)>();
        foreach (var output in outputs)
        {
            var name = output.Split(':')[0];
            if (!nodes.TryGetValue(name, out var root))
            {
                throw new ModelImportException($"Output '{output}' names no node of the graph.");
            }

            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, expanded) = stack.Pop();
                if (expanded)
                {
                    state[node.Name] = true;
                    order.Add(node);
                    continue;
                }

                if (state.ContainsKey(node.Name))
                {
                    continue;
                }

                state[node.Name] = false;
                stack.Push((node, true));
                foreach (var input in node.Inputs)
                {
                    var inputName = input.Split(':')[0];
                    if (!nodes.TryGetValue(inputName, out var producer))
                    {
                        throw new ModelImportException($"{node} reads '{input}', which no node produces.");
                    }

                    if (!state.ContainsKey(inputName))
                    {
                        stack.Push((producer, false));
                    }
                }
            }
        }

        return order;
    }
}
