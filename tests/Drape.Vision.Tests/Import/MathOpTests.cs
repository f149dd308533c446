using static Drape.Vision.Tests.Import.TfAttr;
using static Drape.Vision.Tests.Import.TfReference;

namespace Drape.Vision.Tests.Import;

/// <summary>Importer checks for element-wise maths, activations, reductions and matrix products against naive references.</summary>
public sealed class MathOpTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MatMul_with_transpose_b_matches_tf(bool constantB)
    {
        var g = new TfGraph();
        var a = Nd.Random(20, 3, 4);
        var b = Nd.Random(21, 5, 4);
        var bName = constantB ? g.Const("b", b) : g.Input("b", b);
        g.Node("mm", "MatMul", [g.Input("a", a), bName], ("T", DType("DT_FLOAT")), ("transpose_a", B(false)), ("transpose_b", B(true)));
        TfGraph.AssertClose(MatMul(a, b, transposeB: true), g.Run1("mm"));
    }

    [Fact]
    public void FusedMatMul_with_bias_and_relu_matches_tf()
    {
        var g = new TfGraph();
        var a = Nd.Random(22, 3, 4);
        var b = Nd.Random(23, 4, 6);
        var bias = Nd.Random(24, 6);
        g.Node("mm", "_FusedMatMul", [g.Input("a", a), g.Const("b", b), g.Const("bias", bias)],
            ("T", DType("DT_FLOAT")), ("transpose_a", B(false)), ("transpose_b", B(false)),
            ("fused_ops", Strings("BiasAdd", "Relu")), ("num_args", I(1)), ("epsilon", F(0)));
        var expected = Map(Zip(MatMul(a, b, transposeB: false), bias, (v, c) => v + c), v => MathF.Max(v, 0));
        Assert.Contains(expected.Data, v => v == 0);
        Assert.Contains(expected.Data, v => v > 0);
        TfGraph.AssertClose(expected, g.Run1("mm"));
    }

    [Fact]
    public void BiasAdd_adds_along_the_last_axis()
    {
        var g = new TfGraph();
        var x = Nd.Random(25, 1, 3, 4, 5);
        var bias = Nd.Random(26, 5);
        g.Node("y", "BiasAdd", [g.Input("x", x), g.Const("bias", bias)], ("T", DType("DT_FLOAT")), ("data_format", S("NHWC")));
        TfGraph.AssertClose(Zip(x, bias, (v, c) => v + c), g.Run1("y"));
    }

    [Fact]
    public void AddN_sums_all_inputs()
    {
        var g = new TfGraph();
        var (a, b, c) = (Nd.Random(27, 2, 3, 4), Nd.Random(28, 2, 3, 4), Nd.Random(29, 2, 3, 4));
        g.Node("sum", "AddN", [g.Input("a", a), g.Input("b", b), g.Const("c", c)], ("T", DType("DT_FLOAT")), ("N", I(3)));
        TfGraph.AssertClose(Zip(Zip(a, b, (x, y) => x + y), c, (x, y) => x + y), g.Run1("sum"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SquaredDifference_matches_tf(bool broadcast)
    {
        var g = new TfGraph();
        var a = Nd.Random(30, 2, 3, 4);
        var b = broadcast ? Nd.Random(31, 4) : Nd.Random(31, 2, 3, 4);
        g.Node("sd", "SquaredDifference", [g.Input("a", a), g.Input("b", b)], ("T", DType("DT_FLOAT")));
        TfGraph.AssertClose(Zip(a, b, (x, y) => (x - y) * (x - y)), g.Run1("sd"));
    }

    [Fact]
    public void RealDiv_divides()
    {
        var g = new TfGraph();
        var a = Nd.Random(32, 2, 5);
        var b = Map(Nd.Random(33, 2, 5), v => v >= 0 ? v + 0.5f : v - 0.5f);
        g.Node("div", "RealDiv", [g.Input("a", a), g.Input("b", b)], ("T", DType("DT_FLOAT")));
        TfGraph.AssertClose(Zip(a, b, (x, y) => x / y), g.Run1("div"));
    }

    [Theory]
    [InlineData("Relu6")]
    [InlineData("Sigmoid")]
    [InlineData("Relu")]
    [InlineData("Tanh")]
    public void Activation_matches_tf(string op)
    {
        var g = new TfGraph();
        var x = Map(Nd.Random(34, 2, 3, 8), v => v * 9);
        g.Node("y", op, [g.Input("x", x)], ("T", DType("DT_FLOAT")));
        Func<float, float> f = op switch
        {
            "Relu6" => v => Math.Clamp(v, 0, 6),
            "Sigmoid" => v => (float)(1 / (1 + Math.Exp(-v))),
            "Relu" => v => MathF.Max(v, 0),
            _ => MathF.Tanh,
        };
        TfGraph.AssertClose(Map(x, f), g.Run1("y"));
    }

    [Fact]
    public void Softmax_normalises_the_last_axis()
    {
        var g = new TfGraph();
        var x = Map(Nd.Random(35, 2, 3, 7), v => v * 5);
        g.Node("y", "Softmax", [g.Input("x", x)], ("T", DType("DT_FLOAT")));
        TfGraph.AssertClose(Softmax(x), g.Run1("y"));
    }

    [Theory]
    [InlineData("Mean", true, new[] { 1, 2 })]
    [InlineData("Mean", false, new[] { 1, 2 })]
    [InlineData("Mean", false, new[] { -1 })]
    [InlineData("Max", false, new[] { -1 })]
    [InlineData("Max", true, new[] { 0, 2 })]
    [InlineData("Sum", false, new[] { 1 })]
    public void Reduction_matches_tf(string op, bool keepDims, int[] axes)
    {
        var g = new TfGraph();
        var x = Nd.Random(36, 2, 3, 4, 5);
        g.Node("r", op, [g.Input("x", x), g.ConstInt("axes", axes, axes.Length)], ("T", DType("DT_FLOAT")), ("Tidx", DType("DT_INT32")), ("keep_dims", B(keepDims)));
        Func<IEnumerable<float>, float> reduce = op switch
        {
            "Mean" => v => v.Average(),
            "Max" => v => v.Max(),
            _ => v => v.Sum(),
        };
        TfGraph.AssertClose(Reduce(x, axes, keepDims, reduce), g.Run1("r"));
    }

    [Fact]
    public void FloorDiv_on_int32_floors_negative_quotients()
    {
        var g = new TfGraph();
        var a = Nd.I([-7, 7, -7, 7, 0, -1, 9, -9, -8, 1], 10);
        var b = Nd.I([2, 2, -2, -2, 3, 4, 3, 4, 2, -3], 10);
        g.Node("q", "FloorDiv", [g.Input("a", a), g.Input("b", b)], ("T", DType("DT_INT32")));
        var expected = a.IntData.Zip(b.IntData, (x, y) => (int)Math.Floor(x / (double)y)).ToArray();
        Assert.Equal(-4, expected[0]);
        TfGraph.AssertEqualInts(Nd.I(expected, 10), g.Run1("q"));
    }

    [Fact]
    public void FloorDiv_on_int32_is_exact_beyond_float_precision()
    {
        var g = new TfGraph();
        var a = Nd.I([16_777_217, -16_777_217, int.MaxValue, int.MinValue + 1, 100_000_007], 5);
        var b = Nd.I([1, 2, 3, 7, 10], 5);
        g.Node("q", "FloorDiv", [g.Input("a", a), g.Input("b", b)], ("T", DType("DT_INT32")));
        var expected = a.IntData.Zip(b.IntData, (x, y) => (int)Math.Floor(x / (double)y)).ToArray();
        TfGraph.AssertEqualInts(Nd.I(expected, 5), g.Run1("q"));
    }

    [Fact]
    public void FloorDiv_on_float_floors()
    {
        var g = new TfGraph();
        var a = Map(Nd.Random(37, 12), v => v * 10);
        var b = Map(Nd.Random(38, 12), v => v >= 0 ? v + 0.5f : v - 0.5f);
        g.Node("q", "FloorDiv", [g.Input("a", a), g.Input("b", b)], ("T", DType("DT_FLOAT")));
        TfGraph.AssertClose(Zip(a, b, (x, y) => MathF.Floor(x / y)), g.Run1("q"));
    }

    [Fact]
    public void Cast_int32_to_float()
    {
        var g = new TfGraph();
        var x = Nd.I([-3, 0, 5, 1_000_000, int.MinValue, 7], 2, 3);
        g.Node("y", "Cast", [g.Input("x", x)], ("SrcT", DType("DT_INT32")), ("DstT", DType("DT_FLOAT")), ("Truncate", B(false)));
        TfGraph.AssertClose(Nd.F(x.IntData.Select(v => (float)v).ToArray(), 2, 3), g.Run1("y"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void ArgMax_returns_int32_and_picks_the_first_of_tied_maxima(int axis)
    {
        var g = new TfGraph();
        var x = Nd.F([1, 3, 3, 0, 3, /**/ 5, 5, 5, 5, 5, /**/ -1, -2, -1, -3, -0.5f, /**/ 0, 2, 1, 2, 2], 4, 5);
        g.Node("am", "ArgMax", [g.Input("x", x), g.ConstInt("axis", [axis])], ("T", DType("DT_FLOAT")), ("Tidx", DType("DT_INT32")), ("output_type", DType("DT_INT32")));
        var model = g.Convert("am");
        Assert.Equal((int)Onnx.TensorProto.Types.DataType.Int32, model.Graph.Output.Single().Type.TensorType.ElemType);
        TfGraph.AssertEqualInts(Nd.I([1, 0, 4, 1], 4), g.Execute(model, "am")["am"]);
    }
}
