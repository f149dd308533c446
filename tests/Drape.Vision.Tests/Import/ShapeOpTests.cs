using static Drape.Vision.Tests.Import.TfAttr;
using static Drape.Vision.Tests.Import.TfReference;

namespace Drape.Vision.Tests.Import;

/// <summary>Importer checks for shape and indexing ops (tensors stay NHWC, so axes keep their TF meaning).</summary>
public sealed class ShapeOpTests
{
    [Fact]
    public void Reshape_with_an_inferred_dimension()
    {
        var g = new TfGraph();
        var x = Nd.Random(40, 2, 3, 4);
        g.Node("y", "Reshape", [g.Input("x", x), g.ConstInt("shape", [-1, 6], 2)], ("T", DType("DT_FLOAT")));
        TfGraph.AssertClose(Nd.F(x.Data, 4, 6), g.Run1("y"));
    }

    [Theory]
    [InlineData(new[] { 1 }, new[] { 2, 3, 1 })]
    [InlineData(new[] { -1, 1 }, new[] { 2, 3 })]
    [InlineData(new int[0], new[] { 2, 3 })]
    public void Squeeze_removes_the_given_unit_axes(int[] dims, int[] shape)
    {
        var g = new TfGraph();
        var x = Nd.Random(41, 2, 1, 3, 1);
        g.Node("y", "Squeeze", [g.Input("x", x)], ("T", DType("DT_FLOAT")), ("squeeze_dims", Ints([.. dims.Select(d => (long)d)])));
        TfGraph.AssertClose(Nd.F(x.Data, shape), g.Run1("y"));
    }

    [Theory]
    [InlineData(-1, new[] { 2, 3, 1 })]
    [InlineData(1, new[] { 2, 1, 3 })]
    [InlineData(0, new[] { 1, 2, 3 })]
    public void ExpandDims_inserts_a_unit_axis(int axis, int[] shape)
    {
        var g = new TfGraph();
        var x = Nd.Random(42, 2, 3);
        g.Node("y", "ExpandDims", [g.Input("x", x), g.ConstInt("axis", [axis])], ("T", DType("DT_FLOAT")), ("Tdim", DType("DT_INT32")));
        TfGraph.AssertClose(Nd.F(x.Data, shape), g.Run1("y"));
    }

    [Fact]
    public void ConcatV2_on_the_last_axis()
    {
        var g = new TfGraph();
        var (a, b, c) = (Nd.Random(43, 1, 2, 3, 2), Nd.Random(44, 1, 2, 3, 5), Nd.Random(45, 1, 2, 3, 1));
        g.Node("y", "ConcatV2", [g.Input("a", a), g.Input("b", b), g.Const("c", c), g.ConstInt("axis", [-1])], ("T", DType("DT_FLOAT")), ("N", I(3)));
        TfGraph.AssertClose(Concat(-1, a, b, c), g.Run1("y"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(0)]
    public void Pack_stacks_on_a_new_axis(int axis)
    {
        var g = new TfGraph();
        var parts = new[] { Nd.Random(46, 2, 3), Nd.Random(47, 2, 3), Nd.Random(48, 2, 3) };
        g.Node("y", "Pack", [g.Input("a", parts[0]), g.Input("b", parts[1]), g.Input("c", parts[2])], ("T", DType("DT_FLOAT")), ("N", I(3)), ("axis", I(axis)));
        var at = axis < 0 ? axis + 3 : axis;
        var unsqueezed = parts.Select(p => Nd.F(p.Data, [.. p.Shape[..at], 1, .. p.Shape[at..]])).ToArray();
        TfGraph.AssertClose(Concat(at, unsqueezed), g.Run1("y"));
    }

    [Fact]
    public void Unpack_splits_into_num_outputs()
    {
        var g = new TfGraph();
        var x = Nd.Random(49, 2, 3, 4);
        g.Node("u", "Unpack", [g.Input("x", x)], ("T", DType("DT_FLOAT")), ("num", I(3)), ("axis", I(1)));
        var results = g.Run("u", "u:1", "u:2");
        for (var i = 0; i < 3; i++)
        {
            var expected = StridedSlice(x, [0, i, 0], [0, 0, 0], [1, 1, 1], beginMask: 0b101, endMask: 0b101, shrinkMask: 0b010);
            TfGraph.AssertClose(expected, results[i == 0 ? "u" : $"u:{i}"]);
        }
    }

    [Theory]
    [InlineData(new[] { 1, 0, 2 }, new[] { 3, 5, 6 }, new[] { 1, 2, 2 }, 0, 0, 0)]
    [InlineData(new[] { 1, 9, 1 }, new[] { 4, 2, -1 }, new[] { 1, 1, 1 }, 0b010, 0b100, 0)]
    [InlineData(new[] { -1, 0, 0 }, new[] { 0, 0, 0 }, new[] { 1, 1, 1 }, 0b110, 0b110, 0b001)]
    [InlineData(new[] { -2, 0, 0 }, new[] { -1, 0, 0 }, new[] { 1, 1, 1 }, 0b110, 0b110, 0b001)]
    [InlineData(new[] { 0, 2, -1 }, new[] { 0, 3, 0 }, new[] { 1, 1, 1 }, 0b001, 0b001, 0b110)]
    [InlineData(new[] { 0, -1, 0 }, new[] { 0, 0, 0 }, new[] { 1, -1, 2 }, 0b101, 0b101, 0)]
    [InlineData(new[] { 0, 0, 0 }, new[] { 0, 0, 0 }, new[] { 1, -2, 1 }, 0b111, 0b111, 0)]
    [InlineData(new[] { 1, -3, 1 }, new[] { 10, 100, -2 }, new[] { 2, 1, 3 }, 0, 0, 0)]
    [InlineData(new[] { 0, 0, 0 }, new[] { -1, 0, 0 }, new[] { 1, 1, 1 }, 0b110, 0b110, 0)]
    public void StridedSlice_honours_masks(int[] begin, int[] end, int[] strides, int beginMask, int endMask, int shrinkMask)
    {
        var g = new TfGraph();
        var x = Nd.Random(50, 4, 5, 6);
        g.Node("y", "StridedSlice", [g.Input("x", x), g.ConstInt("begin", begin, 3), g.ConstInt("end", end, 3), g.ConstInt("strides", strides, 3)],
            ("T", DType("DT_FLOAT")), ("Index", DType("DT_INT32")), ("begin_mask", I(beginMask)), ("end_mask", I(endMask)),
            ("shrink_axis_mask", I(shrinkMask)), ("ellipsis_mask", I(0)), ("new_axis_mask", I(0)));
        TfGraph.AssertClose(StridedSlice(x, begin, end, strides, beginMask, endMask, shrinkMask), g.Run1("y"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GatherV2_on_axis_1(bool constantIndices)
    {
        var g = new TfGraph();
        var x = Nd.Random(51, 2, 5, 3);
        var indices = Nd.I([4, 0, 2, 2], 4);
        var indicesName = constantIndices ? g.Const("indices", indices) : g.Input("indices", indices);
        g.Node("y", "GatherV2", [g.Input("x", x), indicesName, g.ConstInt("axis", [1])],
            ("Tparams", DType("DT_FLOAT")), ("Tindices", DType("DT_INT32")), ("Taxis", DType("DT_INT32")), ("batch_dims", I(0)));
        var expected = new List<float>();
        for (var b = 0; b < 2; b++)
        {
            foreach (var index in indices.IntData)
            {
                expected.AddRange(Enumerable.Range(0, 3).Select(c => x[b, index, c]));
            }
        }

        TfGraph.AssertClose(Nd.F([.. expected], 2, 4, 3), g.Run1("y"));
    }

    [Fact]
    public void GatherNd_with_int32_indices()
    {
        var g = new TfGraph();
        var x = Nd.Random(52, 4, 3, 2);
        var indices = Nd.I([1, 2, 3, 0, 0, 1, 3, 2], 4, 2);
        g.Node("y", "GatherNd", [g.Input("x", x), g.Input("indices", indices)], ("Tparams", DType("DT_FLOAT")), ("Tindices", DType("DT_INT32")));
        var expected = Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(0, 2).Select(k => x[indices.IntData[2 * i], indices.IntData[(2 * i) + 1], k])).ToArray();
        TfGraph.AssertClose(Nd.F(expected, 4, 2), g.Run1("y"));
    }

    [Fact]
    public void Transpose_permutes_axes()
    {
        var g = new TfGraph();
        var x = Nd.Random(53, 2, 3, 4, 5);
        int[] perm = [0, 3, 1, 2];
        g.Node("y", "Transpose", [g.Input("x", x), g.ConstInt("perm", perm, 4)], ("T", DType("DT_FLOAT")), ("Tperm", DType("DT_INT32")));
        TfGraph.AssertClose(Transpose(x, perm), g.Run1("y"));
    }

    [Fact]
    public void Shape_returns_int32()
    {
        var g = new TfGraph();
        g.Node("s", "Shape", [g.Input("x", Nd.Random(54, 1, 4, 5, 3))], ("T", DType("DT_FLOAT")), ("out_type", DType("DT_INT32")));
        var model = g.Convert("s");
        Assert.Equal((int)Onnx.TensorProto.Types.DataType.Int32, model.Graph.Output.Single().Type.TensorType.ElemType);
        TfGraph.AssertEqualInts(Nd.I([1, 4, 5, 3], 4), g.Execute(model, "s")["s"]);
    }
}
