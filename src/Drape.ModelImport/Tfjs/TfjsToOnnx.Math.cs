using Drape.ModelImport.Onnx;
using Onnx;

namespace Drape.ModelImport.Tfjs;

/// <summary>Element-wise maths, activations, reductions and matrix products: layout-free, so no transposes.</summary>
public sealed partial class TfjsToOnnx
{
    private static readonly Dictionary<string, string> Binary = new(StringComparer.Ordinal)
    {
        ["Add"] = "Add", ["AddV2"] = "Add", ["BiasAdd"] = "Add", ["Sub"] = "Sub", ["Mul"] = "Mul",
        ["RealDiv"] = "Div", ["Div"] = "Div", ["Maximum"] = "Max", ["Minimum"] = "Min", ["Pow"] = "Pow",
        ["Less"] = "Less", ["Greater"] = "Greater", ["Equal"] = "Equal", ["LessEqual"] = "LessOrEqual",
        ["GreaterEqual"] = "GreaterOrEqual", ["LogicalAnd"] = "And", ["LogicalOr"] = "Or",
    };

    private static readonly Dictionary<string, string> Unary = new(StringComparer.Ordinal)
    {
        ["Relu"] = "Relu", ["Sigmoid"] = "Sigmoid", ["Tanh"] = "Tanh", ["Sqrt"] = "Sqrt", ["Exp"] = "Exp",
        ["Log"] = "Log", ["Neg"] = "Neg", ["Abs"] = "Abs", ["Floor"] = "Floor", ["Ceil"] = "Ceil",
        ["Round"] = "Round", ["Reciprocal"] = "Reciprocal", ["Inv"] = "Reciprocal", ["Elu"] = "Elu",
        ["Sign"] = "Sign", ["Sin"] = "Sin", ["Cos"] = "Cos", ["Erf"] = "Erf", ["LogicalNot"] = "Not",
        ["Softplus"] = "Softplus",
    };

    private static readonly Dictionary<string, string> Reductions = new(StringComparer.Ordinal)
    {
        ["Mean"] = "ReduceMean", ["Sum"] = "ReduceSum", ["Max"] = "ReduceMax", ["Min"] = "ReduceMin", ["Prod"] = "ReduceProd",
    };

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "Less", "Greater", "Equal", "LessEqual", "GreaterEqual", "NotEqual", "LogicalAnd", "LogicalOr", "LogicalNot" };

    private bool ConvertMath(TfNode node)
    {
        var type = Comparisons.Contains(node.Op) ? TfDType.Bool : (TfDType?)null;
        if (node.Op is "Identity" or "StopGradient" or "Snapshot")
        {
            Set(node, Input(node, 0), TypeOf(node.Inputs[0]));
            return true;
        }

        if (Binary.TryGetValue(node.Op, out var binary))
        {
            Set(node, Add(binary, node, [Input(node, 0), Input(node, 1)]), type);
            return true;
        }

        if (Unary.TryGetValue(node.Op, out var unary))
        {
            Set(node, Add(unary, node, [Input(node, 0)]), type);
            return true;
        }

        if (Reductions.TryGetValue(node.Op, out var reduction))
        {
            var axes = RequireConstant(node, 1, "reduction axes").AsLongs("axes");
            Set(node, Add(reduction, node, [Input(node, 0), _graph.Int64s(axes)], Attr.Int("keepdims", node.Bool("keep_dims") ? 1 : 0)));
            return true;
        }

        switch (node.Op)
        {
            case "NotEqual":
                Set(node, Add("Not", node, [Helper("Equal", node, "equal", [Input(node, 0), Input(node, 1)])]), TfDType.Bool);
                return true;
            case "AddN":
                Set(node, Add("Sum", node, node.Inputs.Select(Value)));
                return true;
            case "SquaredDifference":
            {
                var difference = Helper("Sub", node, "difference", [Input(node, 0), Input(node, 1)]);
                Set(node, Add("Mul", node, [difference, difference]));
                return true;
            }

            case "Square":
                Set(node, Add("Mul", node, [Input(node, 0), Input(node, 0)]));
                return true;
            case "Rsqrt":
                Set(node, Add("Reciprocal", node, [Helper("Sqrt", node, "sqrt", [Input(node, 0)])]));
                return true;
            case "FloorDiv":
                // ONNX integer Div truncates; TF FloorDiv floors. For floats take Floor(Div); for integers divide in
                // double precision (exact for int32) and cast back, so negative operands floor exactly as in TF.
                Set(node, FloorDivide(node));
                return true;
            case "FloorMod":
            {
                var quotient = FloorDivide(node, "quotient");
                var product = Helper("Mul", node, "product", [quotient, Input(node, 1)]);
                Set(node, Add("Sub", node, [Input(node, 0), product]));
                return true;
            }

            case "Relu6":
                Set(node, Add("Clip", node, [Input(node, 0), _graph.FloatScalar("zero", 0), _graph.FloatScalar("six", 6)]));
                return true;
            case "LeakyRelu":
                Set(node, Add("LeakyRelu", node, [Input(node, 0)], Attr.Float("alpha", node.Float("alpha", 0.2f))));
                return true;
            case "Prelu":
                Set(node, Add("PRelu", node, [Input(node, 0), Input(node, 1)]));
                return true;
            case "Softmax":
            case "LogSoftmax":
                Set(node, Add(node.Op, node, [Input(node, 0)], Attr.Int("axis", -1)));
                return true;
            case "Select":
            case "SelectV2":
                Set(node, Add("Where", node, [Input(node, 0), Input(node, 1), Input(node, 2)]), TypeOf(node.Inputs[1]));
                return true;
            case "FusedBatchNorm":
            case "FusedBatchNormV3":
                BatchNorm(node);
                return true;
            case "MatMul":
            case "BatchMatMul":
            case "BatchMatMulV2":
            case "_FusedMatMul":
                MatMul(node);
                return true;
            default:
                return false;
        }
    }

    private string FloorDivide(TfNode node, string? suffix = null)
    {
        var type = OutputType(node);
        if (type == TfDType.Float)
        {
            var quotient = Helper("Div", node, "div", [Input(node, 0), Input(node, 1)]);
            return suffix is null ? Add("Floor", node, [quotient]) : Helper("Floor", node, suffix, [quotient]);
        }

        var to = Attr.Int("to", (int)TensorProto.Types.DataType.Double);
        var a = Helper("Cast", node, "a_double", [Input(node, 0)], to);
        var b = Helper("Cast", node, "b_double", [Input(node, 1)], to);
        var floored = Helper("Floor", node, "floor", [Helper("Div", node, "div", [a, b])]);
        var back = Attr.Int("to", OnnxGraphBuilder.OnnxType(type));
        return suffix is null ? Add("Cast", node, [floored], back) : Helper("Cast", node, suffix, [floored], back);
    }

    /// <summary>Inference batch norm folded to y = x·a + b with a = scale/√(var+ε), b = offset − mean·a (per channel, last axis).</summary>
    private void BatchNorm(TfNode node)
    {
        RequireNhwc(node);
        var scale = RequireConstant(node, 1, "scale").Floats!;
        var offset = RequireConstant(node, 2, "offset").Floats!;
        var mean = RequireConstant(node, 3, "mean").Floats!;
        var variance = RequireConstant(node, 4, "variance").Floats!;
        var epsilon = node.Float("epsilon", 1e-3f);
        var a = scale.Select((s, i) => s / MathF.Sqrt(variance[i] + epsilon)).ToArray();
        var b = offset.Select((o, i) => o - (mean[i] * a[i])).ToArray();
        var scaled = Helper("Mul", node, "scale", [Input(node, 0), _graph.Initializer($"{node.Name}/a", TfTensor.Float([a.Length], a))]);
        Set(node, Add("Add", node, [scaled, _graph.Initializer($"{node.Name}/b", TfTensor.Float([b.Length], b))]));
    }

    private void MatMul(TfNode node)
    {
        var transposeA = node.Bool("transpose_a") || node.Bool("adj_x");
        var transposeB = node.Bool("transpose_b") || node.Bool("adj_y");
        var a = transposeA ? SwapLastAxes(node, 0) : Input(node, 0);
        var b = transposeB ? SwapLastAxes(node, 1) : Input(node, 1);
        var fused = node.Strings("fused_ops").ToList();
        var y = fused.Count > 0 ? Helper("MatMul", node, "matmul", [a, b]) : Add("MatMul", node, [a, b]);
        for (var i = 0; i < fused.Count; i++)
        {
            var last = i == fused.Count - 1;
            string Step(string op, IEnumerable<string> inputs) =>
                last ? Add(op, node, inputs) : Helper(op, node, fused[i], inputs);
            y = fused[i] switch
            {
                "BiasAdd" => Step("Add", [y, Input(node, 2)]),
                "Relu" => Step("Relu", [y]),
                "Relu6" => Step("Clip", [y, _graph.FloatScalar("zero", 0), _graph.FloatScalar("six", 6)]),
                "Sigmoid" => Step("Sigmoid", [y]),
                "Prelu" => Step("PRelu", [y, Input(node, 3)]),
                var other => throw new ModelImportException($"{node}: fused op '{other}' is not supported."),
            };
        }

        Set(node, y);
    }

    private string SwapLastAxes(TfNode node, int index)
    {
        if (ConstantOf(node.Inputs[index]) is { } constant)
        {
            var rank = constant.Shape.Length;
            var perm = Enumerable.Range(0, rank).Select(i => (long)(i == rank - 1 ? rank - 2 : i == rank - 2 ? rank - 1 : i)).ToArray();
            return _graph.Initializer($"{node.Name}/transposed{index}", Permute(constant, perm));
        }

        if (node.Op != "MatMul" && node.Op != "_FusedMatMul")
        {
            throw new ModelImportException($"{node}: adjoint of a non-constant batched operand is not supported.");
        }

        return Helper("Transpose", node, $"transpose{index}", [Input(node, index)], Attr.Ints("perm", 1, 0));
    }
}
