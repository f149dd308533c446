using System.Text.Json.Nodes;
using Drape.ModelImport;
using Drape.ModelImport.Tfjs;
using Google.Protobuf;
using static Drape.Vision.Tests.Import.TfAttr;
using static Drape.Vision.Tests.Import.TfReference;

namespace Drape.Vision.Tests.Import;

/// <summary>Whole-importer behaviour: transpose folding, errors, weight decoding and deterministic output.</summary>
public sealed class ImporterTests
{
    [Fact]
    public void Transposes_between_adjacent_convolutions_are_folded()
    {
        var g = new TfGraph();
        var x = Nd.Random(60, 1, 7, 7, 3);
        var (f1, f2, f3) = (Nd.Random(61, 3, 3, 3, 4), Nd.Random(62, 3, 3, 4, 2), Nd.Random(63, 3, 3, 2, 2));
        g.Node("c1", "Conv2D", [g.Input("x", x), g.Const("w1", f1)], Conv(1, "SAME"));
        g.Node("c2", "Conv2D", ["c1", g.Const("w2", f2)], Conv(2, "SAME"));
        g.Node("c3", "DepthwiseConv2dNative", ["c2", g.Const("w3", f3)], Conv(1, "VALID"));
        var model = g.Convert("c3");

        // Unfolded, each convolution would sit between its own NHWC→NCHW and NCHW→NHWC transposes (6 in all); folded,
        // only the graph's input and output transposes remain.
        Assert.Equal(3, model.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "Transpose"));
        Assert.Equal("c3", model.Graph.Output.Single().Name);
        var expected = DepthwiseConv2D(Conv2D(Conv2D(x, f1, 1, "SAME"), f2, 2, "SAME"), f3, 1, "VALID");
        TfGraph.AssertClose(expected, g.Execute(model, "c3")["c3"]);
    }

    [Fact]
    public void A_convolution_read_by_two_consumers_keeps_its_nhwc_value()
    {
        var g = new TfGraph();
        var x = Nd.Random(64, 1, 5, 5, 2);
        var (f1, f2) = (Nd.Random(65, 3, 3, 2, 3), Nd.Random(66, 1, 1, 3, 2));
        g.Node("c1", "Conv2D", [g.Input("x", x), g.Const("w1", f1)], Conv(1, "SAME"));
        g.Node("c2", "Conv2D", ["c1", g.Const("w2", f2)], Conv(1, "SAME"));
        g.Node("r", "Relu", ["c1"], ("T", DType("DT_FLOAT")));
        var results = g.Run("c2", "r", "c1");
        var c1 = Conv2D(x, f1, 1, "SAME");
        TfGraph.AssertClose(Conv2D(c1, f2, 1, "SAME"), results["c2"]);
        TfGraph.AssertClose(Map(c1, v => MathF.Max(v, 0)), results["r"]);
        TfGraph.AssertClose(c1, results["c1"]);
    }

    [Fact]
    public void Unsupported_op_names_the_op_and_the_node()
    {
        var g = new TfGraph();
        g.Node("angle/atan", "Atan2", [g.Input("y", Nd.Random(67, 3)), g.Input("x", Nd.Random(68, 3))], ("T", DType("DT_FLOAT")));
        var error = Assert.Throws<ModelImportException>(() => g.Convert("angle/atan"));
        Assert.Contains("Atan2", error.Message, StringComparison.Ordinal);
        Assert.Contains("angle/atan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converting_the_same_graph_twice_gives_identical_bytes()
    {
        static byte[] Build()
        {
            var g = new TfGraph();
            var x = g.Input("x", Nd.Random(69, 1, 8, 8, 3));
            g.Node("c", "_FusedConv2D", [x, g.Const("w", Nd.Random(70, 3, 3, 3, 4)), g.Const("b", Nd.Random(71, 4))], Conv(2, "SAME", "BiasAdd", "Relu6"));
            g.Node("up", "ResizeBilinear", ["c", g.ConstInt("size", [8, 8], 2)], ("half_pixel_centers", B(true)));
            g.Node("cat", "ConcatV2", ["up", x, g.ConstInt("axis", [-1])], ("N", I(2)));
            g.Node("mean", "Mean", ["cat", g.ConstInt("axes", [1, 2], 2)], ("keep_dims", B(false)));
            return g.Convert("mean", "cat").ToByteArray();
        }

        Assert.Equal(Build(), Build());
    }

    [Fact]
    public void Load_decodes_float32_float16_int32_and_uint8_quantised_weights()
    {
        var folder = Directory.CreateTempSubdirectory("drape-import-test-");
        try
        {
            float[] f32 = [1.5f, -2.25f, 3e-5f, 1e6f, -0f, 0.1f];
            float[] f16 = [0.5f, -1.25f, 65504f, 0.000061035156f, -3.140625f, 2048f];
            int[] i32 = [7, -8, int.MaxValue, int.MinValue];
            byte[] u8 = [0, 1, 100, 150, 200, 255];
            var bytes = new List<byte>();
            bytes.AddRange(f32.SelectMany(BitConverter.GetBytes));
            bytes.AddRange(f16.SelectMany(v => BitConverter.GetBytes((Half)v)));
            bytes.AddRange(i32.SelectMany(BitConverter.GetBytes));
            bytes.AddRange(u8);
            File.WriteAllBytes(Path.Combine(folder.FullName, "group1-shard1of1.bin"), [.. bytes]);

            var json = new JsonObject
            {
                ["format"] = "graph-model",
                ["modelTopology"] = new JsonObject
                {
                    ["node"] = new JsonArray(
                        NodeJson("x", "Placeholder", [], ("dtype", DType("DT_FLOAT")), ("shape", Shape(-1, 2, 3))),
                        NodeJson("f32", "Const", [], ("dtype", DType("DT_FLOAT"))),
                        NodeJson("f16", "Const", [], ("dtype", DType("DT_FLOAT"))),
                        NodeJson("i32", "Const", [], ("dtype", DType("DT_INT32"))),
                        NodeJson("u8", "Const", [], ("dtype", DType("DT_FLOAT"))),
                        NodeJson("sum", "AddN", ["x", "f32", "f16", "u8"], ("T", DType("DT_FLOAT"))),
                        NodeJson("Identity", "Identity", ["sum"], ("T", DType("DT_FLOAT")))),
                },
                ["signature"] = new JsonObject
                {
                    ["inputs"] = new JsonObject { ["x:0"] = new JsonObject { ["name"] = "x:0" } },
                    ["outputs"] = new JsonObject { ["Identity:0"] = new JsonObject { ["name"] = "Identity:0" } },
                },
                ["weightsManifest"] = new JsonArray(new JsonObject
                {
                    ["paths"] = new JsonArray("group1-shard1of1.bin"),
                    ["weights"] = new JsonArray(
                        new JsonObject { ["name"] = "f32", ["shape"] = new JsonArray(2, 3), ["dtype"] = "float32" },
                        new JsonObject
                        {
                            ["name"] = "f16", ["shape"] = new JsonArray(2, 3), ["dtype"] = "float32",
                            ["quantization"] = new JsonObject { ["dtype"] = "float16", ["original_dtype"] = "float32" },
                        },
                        new JsonObject { ["name"] = "i32", ["shape"] = new JsonArray(4), ["dtype"] = "int32" },
                        new JsonObject
                        {
                            ["name"] = "u8", ["shape"] = new JsonArray(2, 3), ["dtype"] = "float32",
                            ["quantization"] = new JsonObject { ["dtype"] = "uint8", ["min"] = -1.0, ["scale"] = 0.01, ["original_dtype"] = "float32" },
                        }),
                }),
            };
            var path = Path.Combine(folder.FullName, "model.json");
            File.WriteAllText(path, json.ToJsonString());

            var model = TfjsGraphModel.Load(path);

            Assert.Equal(["x:0"], model.SignatureInputs);
            Assert.Equal(["Identity:0"], model.SignatureOutputs);
            Assert.Equal(7, model.Nodes.Count);
            Assert.Equal(TfDType.Float, model.Weights["f32"].DType);
            Assert.Equal([2L, 3], model.Weights["f32"].Shape);
            Assert.Equal(f32, model.Weights["f32"].Floats);
            Assert.Equal(TfDType.Float, model.Weights["f16"].DType);
            Assert.Equal(f16, model.Weights["f16"].Floats);
            Assert.Equal(TfDType.Int32, model.Weights["i32"].DType);
            Assert.Equal([4L], model.Weights["i32"].Shape);
            Assert.Equal(i32.Select(v => (long)v), model.Weights["i32"].Ints!);
            var dequantised = u8.Select(q => (q * 0.01f) - 1f).ToArray();
            Assert.Equal(TfDType.Float, model.Weights["u8"].DType);
            Assert.All(model.Weights["u8"].Floats!.Zip(dequantised), p => Assert.Equal(p.Second, p.First, 1e-6f));
            Assert.Equal(0.5f, model.Weights["u8"].Floats![3], 1e-6f);

            // And the loaded model converts and runs: x + f32 + f16 + u8.
            var g = new TfGraph();
            var x = Nd.Random(72, 1, 2, 3);
            g.Input("x", x);
            var onnx = TfjsToOnnx.Convert(model);
            var expected = Nd.F(x.Data.Select((v, i) => v + f32[i] + f16[i] + dequantised[i]).ToArray(), 1, 2, 3);
            TfGraph.AssertClose(expected, g.Execute(onnx, "Identity")["Identity"], 1e-1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonObject NodeJson(string name, string op, string[] inputs, params (string Key, JsonNode Value)[] attributes)
    {
        var attr = new JsonObject();
        foreach (var (key, value) in attributes)
        {
            attr[key] = value;
        }

        return new JsonObject { ["name"] = name, ["op"] = op, ["input"] = new JsonArray([.. inputs.Select(i => (JsonNode)i)]), ["attr"] = attr };
    }
}
