using static Drape.Vision.Tests.Import.TfAttr;
using static Drape.Vision.Tests.Import.TfReference;

namespace Drape.Vision.Tests.Import;

/// <summary>Importer checks for the NHWC spatial ops (convolutions, pools, resize, depth-to-space, pad) against naive references.</summary>
public sealed class SpatialOpTests
{
    [Theory]
    [InlineData(7, 3, 1, "SAME")]
    [InlineData(7, 3, 2, "SAME")]
    [InlineData(8, 3, 2, "SAME")]
    [InlineData(7, 2, 2, "SAME")]
    [InlineData(7, 3, 1, "VALID")]
    [InlineData(7, 3, 2, "VALID")]
    public void Conv2D_matches_tf(int size, int kernel, int stride, string padding)
    {
        var g = new TfGraph();
        var x = Nd.Random(1, 1, size, size + 1, 3);
        var f = Nd.Random(2, kernel, kernel, 3, 4);
        g.Node("conv", "Conv2D", [g.Input("x", x), g.Const("w", f)], Conv(stride, padding));
        TfGraph.AssertClose(Conv2D(x, f, stride, padding), g.Run1("conv"));
    }

    [Theory]
    [InlineData("Relu")]
    [InlineData("Relu6")]
    [InlineData("Prelu")]
    public void FusedConv2D_with_bias_and_activation_matches_tf(string activation)
    {
        var g = new TfGraph();
        var x = Map(Nd.Random(3, 1, 7, 7, 3), v => v * 4);
        var f = Nd.Random(4, 3, 3, 3, 5);
        var bias = Nd.Random(5, 5);
        var alpha = Nd.Random(6, 5);
        string[] inputs = activation == "Prelu"
            ? [g.Input("x", x), g.Const("w", f), g.Const("b", bias), g.Const("alpha", alpha)]
            : [g.Input("x", x), g.Const("w", f), g.Const("b", bias)];
        g.Node("conv", "_FusedConv2D", inputs, Conv(2, "SAME", "BiasAdd", activation));

        var expected = Zip(Conv2D(x, f, 2, "SAME"), bias, (v, b) => v + b);
        expected = activation switch
        {
            "Relu" => Map(expected, v => MathF.Max(v, 0)),
            "Relu6" => Map(expected, v => Math.Clamp(v, 0, 6)),
            _ => Zip(expected, alpha, (v, a) => v >= 0 ? v : v * a),
        };
        Assert.Contains(expected.Data, v => v is > 0 and < 6);
        Assert.Contains(expected.Data, v => v < 0 || v == 0);
        TfGraph.AssertClose(expected, g.Run1("conv"));
    }

    [Theory]
    [InlineData(1, 1, "SAME")]
    [InlineData(1, 2, "SAME")]
    [InlineData(2, 2, "SAME")]
    [InlineData(2, 1, "VALID")]
    public void DepthwiseConv2dNative_matches_tf(int multiplier, int stride, string padding)
    {
        var g = new TfGraph();
        var x = Nd.Random(7, 1, 7, 6, 3);
        var f = Nd.Random(8, 3, 3, 3, multiplier);
        g.Node("dw", "DepthwiseConv2dNative", [g.Input("x", x), g.Const("w", f)], Conv(stride, padding));
        TfGraph.AssertClose(DepthwiseConv2D(x, f, stride, padding), g.Run1("dw"));
    }

    [Fact]
    public void FusedDepthwiseConv2dNative_with_bias_and_relu6_matches_tf()
    {
        var g = new TfGraph();
        var x = Map(Nd.Random(9, 1, 7, 7, 4), v => v * 8);
        var f = Nd.Random(10, 3, 3, 4, 2);
        var bias = Nd.Random(11, 8);
        g.Node("dw", "FusedDepthwiseConv2dNative", [g.Input("x", x), g.Const("w", f), g.Const("b", bias)], Conv(2, "SAME", "BiasAdd", "Relu6"));
        var expected = Map(Zip(DepthwiseConv2D(x, f, 2, "SAME"), bias, (v, b) => v + b), v => Math.Clamp(v, 0, 6));
        Assert.Contains(expected.Data, v => v == 6);
        TfGraph.AssertClose(expected, g.Run1("dw"));
    }

    [Theory]
    [InlineData(8, 2, 2)]
    [InlineData(7, 2, 2)]
    [InlineData(8, 3, 2)]
    [InlineData(7, 3, 2)]
    [InlineData(6, 3, 1)]
    public void Conv2DBackpropInput_same_matches_tf(int size, int kernel, int stride)
    {
        var g = new TfGraph();
        int[] sizes = [1, size, size, 3];
        var outSize = (size + stride - 1) / stride;
        var dy = Nd.Random(12, 1, outSize, outSize, 5);
        var f = Nd.Random(13, kernel, kernel, 3, 5);
        g.Node("deconv", "Conv2DBackpropInput", [g.ConstInt("sizes", sizes, 4), g.Const("w", f), g.Input("dy", dy)], Conv(stride, "SAME"));
        TfGraph.AssertClose(Conv2DBackpropInput(sizes, f, dy, stride, "SAME"), g.Run1("deconv"));
    }

    [Theory]
    [InlineData("MaxPool", 3, 2, "SAME", 7)]
    [InlineData("MaxPool", 3, 2, "SAME", 8)]
    [InlineData("MaxPool", 2, 2, "VALID", 7)]
    [InlineData("AvgPool", 3, 2, "SAME", 7)]
    [InlineData("AvgPool", 3, 2, "SAME", 8)]
    [InlineData("AvgPool", 3, 1, "SAME", 6)]
    [InlineData("AvgPool", 3, 2, "VALID", 7)]
    public void Pool_matches_tf(string op, int kernel, int stride, string padding, int size)
    {
        var g = new TfGraph();
        // All negative for MaxPool so a zero-padded implementation would be caught at the borders.
        var x = op == "MaxPool" ? Map(Nd.Random(14, 1, size, size, 2), v => v - 2) : Nd.Random(14, 1, size, size, 2);
        g.Node("pool", op, [g.Input("x", x)], [.. Conv(stride, padding), ("ksize", Ints(1, kernel, kernel, 1))]);
        TfGraph.AssertClose(Pool(x, kernel, stride, padding, op == "MaxPool"), g.Run1("pool"));
    }

    [Theory]
    [InlineData(5, 7, 9, 4, false, true)]
    [InlineData(5, 7, 9, 14, false, true)]
    [InlineData(8, 9, 3, 4, false, true)]
    [InlineData(5, 7, 9, 4, true, false)]
    [InlineData(8, 9, 3, 4, true, false)]
    [InlineData(5, 7, 9, 4, false, false)]
    [InlineData(8, 9, 3, 4, false, false)]
    public void ResizeBilinear_matches_tf(int h, int w, int outH, int outW, bool alignCorners, bool halfPixelCenters)
    {
        var g = new TfGraph();
        var x = Nd.Random(15, 1, h, w, 2);
        g.Node("resize", "ResizeBilinear", [g.Input("x", x), g.ConstInt("size", [outH, outW], 2)],
            ("T", DType("DT_FLOAT")), ("align_corners", B(alignCorners)), ("half_pixel_centers", B(halfPixelCenters)));
        TfGraph.AssertClose(ResizeBilinear(x, outH, outW, alignCorners, halfPixelCenters), g.Run1("resize"));
    }

    [Theory]
    [InlineData(5, 7, 9, 4, false, true)]
    [InlineData(5, 7, 9, 14, false, true)]
    [InlineData(8, 9, 3, 4, false, true)]
    [InlineData(5, 7, 9, 4, false, false)]
    [InlineData(8, 9, 3, 4, false, false)]
    [InlineData(5, 7, 9, 4, true, false)]
    [InlineData(8, 9, 3, 4, true, false)]
    public void ResizeNearestNeighbor_matches_tf(int h, int w, int outH, int outW, bool alignCorners, bool halfPixelCenters)
    {
        var g = new TfGraph();
        var x = Nd.Random(16, 1, h, w, 2);
        g.Node("resize", "ResizeNearestNeighbor", [g.Input("x", x), g.ConstInt("size", [outH, outW], 2)],
            ("T", DType("DT_FLOAT")), ("align_corners", B(alignCorners)), ("half_pixel_centers", B(halfPixelCenters)));
        TfGraph.AssertClose(ResizeNearest(x, outH, outW, alignCorners, halfPixelCenters), g.Run1("resize"));
    }

    [Fact]
    public void DepthToSpace_uses_tf_nhwc_order()
    {
        var g = new TfGraph();
        var x = Nd.Random(17, 1, 2, 3, 8);
        g.Node("d2s", "DepthToSpace", [g.Input("x", x)], ("block_size", I(2)), ("data_format", S("NHWC")));
        TfGraph.AssertClose(DepthToSpace(x, 2), g.Run1("d2s"));
    }

    [Fact]
    public void Pad_pads_every_axis_including_channels()
    {
        var g = new TfGraph();
        var x = Nd.Random(18, 1, 3, 4, 2);
        int[] paddings = [0, 0, 1, 2, 0, 1, 1, 3];
        g.Node("pad", "Pad", [g.Input("x", x), g.ConstInt("paddings", paddings, 4, 2)]);
        TfGraph.AssertClose(Pad(x, paddings, 0), g.Run1("pad"));
    }

    [Fact]
    public void PadV2_uses_the_constant_value()
    {
        var g = new TfGraph();
        var x = Nd.Random(19, 2, 3, 2);
        int[] paddings = [1, 0, 2, 1, 0, 2];
        g.Node("pad", "PadV2", [g.Input("x", x), g.ConstInt("paddings", paddings, 3, 2), g.Const("value", [-2.5f])]);
        TfGraph.AssertClose(Pad(x, paddings, -2.5f), g.Run1("pad"));
    }
}
