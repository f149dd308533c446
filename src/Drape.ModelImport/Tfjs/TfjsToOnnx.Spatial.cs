using Drape.ModelImport.Onnx;
using Onnx;

namespace Drape.ModelImport.Tfjs;

/// <summary>Convolutions, pools, resize, depth-to-space and pad: NHWC in TF, NCHW in ONNX.</summary>
public sealed partial class TfjsToOnnx
{
    private static readonly long[] ToNchwPerm = [0, 3, 1, 2];
    private static readonly long[] ToNhwcPerm = [0, 2, 3, 1];

    private bool ConvertSpatial(TfNode node)
    {
        switch (node.Op)
        {
            case "Conv2D":
                Convolution(node, ConvKind.Regular, []);
                return true;
            case "_FusedConv2D":
                Convolution(node, ConvKind.Regular, node.Strings("fused_ops"));
                return true;
            case "DepthwiseConv2dNative":
                Convolution(node, ConvKind.Depthwise, []);
                return true;
            case "FusedDepthwiseConv2dNative":
                Convolution(node, ConvKind.Depthwise, node.Strings("fused_ops"));
                return true;
            case "Conv2DBackpropInput":
                Convolution(node, ConvKind.Transposed, []);
                return true;
            case "MaxPool":
            case "AvgPool":
                Pool(node);
                return true;
            case "ResizeBilinear":
            case "ResizeNearestNeighbor":
                Resize(node);
                return true;
            case "DepthToSpace":
            case "SpaceToDepth":
                RequireNhwc(node);
                var blocks = Helper(node.Op, node, "blocks", [ToNchw(Input(node, 0))], Attr.Int("blocksize", node.Int("block_size")));
                Set(node, ToNhwc(blocks, node));
                return true;
            case "Pad":
            case "PadV2":
            case "MirrorPad":
                Pad(node);
                return true;
            default:
                return false;
        }
    }

    private enum ConvKind
    {
        Regular,
        Depthwise,
        Transposed,
    }

    private void Convolution(TfNode node, ConvKind kind, IReadOnlyList<string> fused)
    {
        RequireNhwc(node);
        var dataIndex = kind == ConvKind.Transposed ? 2 : 0;
        var filter = RequireConstant(node, 1, "filter");
        if (filter.DType != TfDType.Float || filter.Shape.Length != 4)
        {
            throw new ModelImportException($"{node}: the filter must be a 4-D float constant.");
        }

        var (kh, kw, cin, multiplier) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        var weight = kind == ConvKind.Depthwise ? DepthwiseWeight(filter) : Permute(filter, [3, 2, 0, 1]);
        var attributes = new List<AttributeProto>
        {
            Attr.Ints("kernel_shape", kh, kw),
            Attr.Ints("strides", SpatialPair(node, "strides")),
            Attr.Ints("dilations", SpatialPair(node, "dilations")),
        };
        if (kind == ConvKind.Depthwise)
        {
            attributes.Add(Attr.Int("group", cin));
        }

        attributes.AddRange(Padding(node));
        var inputs = new List<string> { ToNchw(Input(node, dataIndex)), _graph.Initializer($"{node.Name}/weight", weight) };
        var rest = fused.ToList();
        if (rest.Count > 0 && rest[0] == "BiasAdd")
        {
            inputs.Add(Input(node, 2));
            rest.RemoveAt(0);
        }

        if (kind == ConvKind.Transposed)
        {
            var sizes = RequireConstant(node, 0, "input_sizes").AsLongs("input_sizes");
            attributes.Add(Attr.Ints("output_shape", sizes[1], sizes[2]));
        }

        var y = Helper(kind == ConvKind.Transposed ? "ConvTranspose" : "Conv", node, "conv", inputs, [.. attributes]);
        string? prelu = null;
        foreach (var op in rest)
        {
            switch (op)
            {
                case "Relu":
                    y = Helper("Relu", node, "relu", [y]);
                    break;
                case "Relu6":
                    y = Helper("Clip", node, "relu6", [y, _graph.FloatScalar("zero", 0), _graph.FloatScalar("six", 6)]);
                    break;
                case "Elu":
                    y = Helper("Elu", node, "elu", [y]);
                    break;
                case "Sigmoid":
                    y = Helper("Sigmoid", node, "sigmoid", [y]);
                    break;
                case "LeakyRelu":
                    y = Helper("LeakyRelu", node, "leaky", [y], Attr.Float("alpha", node.Float("leakyrelu_alpha", 0.2f)));
                    break;
                case "Prelu":
                    prelu = Input(node, 3);
                    break;
                default:
                    throw new ModelImportException($"{node}: fused op '{op}' is not supported.");
            }
        }

        // The node's last ONNX op carries its name (the PRelu when there is one), so graph outputs keep the TF name.
        var output = prelu is null
            ? ToNhwc(y, node)
            : Add("PRelu", node, [Helper("Transpose", node, "nhwc", [y], Attr.Ints("perm", ToNhwcPerm)), prelu]);
        Set(node, output);
    }

    private void Pool(TfNode node)
    {
        RequireNhwc(node);
        var kernel = node.Ints("ksize");
        var attributes = new List<AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel[1], kernel[2]),
            Attr.Ints("strides", SpatialPair(node, "strides")),
        };
        attributes.AddRange(Padding(node));
        var op = node.Op == "MaxPool" ? "MaxPool" : "AveragePool";
        var pooled = Helper(op, node, "pool", [ToNchw(Input(node, 0))], [.. attributes]);
        Set(node, ToNhwc(pooled, node));
    }

    private void Resize(TfNode node)
    {
        var size = RequireConstant(node, 1, "size").AsLongs("size");
        var alignCorners = node.Bool("align_corners");
        var halfPixel = node.Bool("half_pixel_centers");
        var bilinear = node.Op == "ResizeBilinear";
        var transform = (bilinear, alignCorners, halfPixel) switch
        {
            (_, true, _) => "align_corners",
            (true, _, true) => "half_pixel",
            (false, _, true) => "tf_half_pixel_for_nn",
            _ => "asymmetric",
        };
        var attributes = new List<AttributeProto>
        {
            Attr.String("mode", bilinear ? "linear" : "nearest"),
            Attr.String("coordinate_transformation_mode", transform),
        };
        if (!bilinear)
        {
            attributes.Add(Attr.String("nearest_mode", alignCorners ? "round_prefer_ceil" : "floor"));
        }

        // Full 4-D sizes [N, C, H, W] rather than the `axes` attribute: ONNX Runtime's transpose optimizer permutes a
        // Resize's sizes as if they had one entry per axis and corrupts a 2-entry sizes when it pushes a Transpose through.
        var input = ToNchw(Input(node, 0));
        var batchAndChannels = Helper("Shape", node, "nc", [input], Attr.Int("end", 2));
        var sizes = Helper("Concat", node, "sizes", [batchAndChannels, _graph.Int64s(size[0], size[1])], Attr.Int("axis", 0));
        var resized = Helper("Resize", node, "resize", [input, "", "", sizes], [.. attributes]);
        Set(node, ToNhwc(resized, node));
    }

    private void Pad(TfNode node)
    {
        var paddings = RequireConstant(node, 1, "paddings").AsLongs("paddings");
        var rank = paddings.Length / 2;
        var pads = Enumerable.Range(0, rank).Select(i => paddings[2 * i]).Concat(Enumerable.Range(0, rank).Select(i => paddings[(2 * i) + 1])).ToArray();
        var inputs = new List<string> { Input(node, 0), _graph.Int64s(pads) };
        var mode = "constant";
        if (node.Op == "PadV2")
        {
            inputs.Add(Input(node, 2));
        }
        else if (node.Op == "MirrorPad")
        {
            mode = node.String("mode") switch
            {
                "REFLECT" => "reflect",
                var other => throw new ModelImportException($"{node}: MirrorPad mode {other} has no ONNX equivalent."),
            };
        }

        Set(node, Add("Pad", node, inputs, Attr.String("mode", mode)));
    }

    private IEnumerable<AttributeProto> Padding(TfNode node)
    {
        var padding = node.String("padding");
        switch (padding)
        {
            case "SAME":
                yield return Attr.String("auto_pad", "SAME_UPPER");
                break;
            case "VALID":
                yield return Attr.String("auto_pad", "VALID");
                break;
            case "EXPLICIT":
                var explicitPads = node.Ints("explicit_paddings");
                yield return Attr.Ints("pads", explicitPads[2], explicitPads[4], explicitPads[3], explicitPads[5]);
                break;
            default:
                throw new ModelImportException($"{node}: padding '{padding}' is not supported.");
        }
    }

    private static long[] SpatialPair(TfNode node, string attribute)
    {
        var values = node.Ints(attribute);
        return values.Length switch
        {
            0 => [1, 1],
            4 => [values[1], values[2]],
            _ => throw new ModelImportException($"{node}: attribute {attribute} must have 4 values."),
        };
    }

    private static void RequireNhwc(TfNode node)
    {
        var format = node.String("data_format", "NHWC");
        if (format != "NHWC")
        {
            throw new ModelImportException($"{node}: data_format {format} is not supported (only NHWC).");
        }
    }

    private string ToNchw(string value)
    {
        if (!_nchw.TryGetValue(value, out var transposed))
        {
            transposed = _graph.Add("Transpose", [value], $"{value}/nchw", Attr.Ints("perm", ToNchwPerm));
            _nchw[value] = transposed;
        }

        return transposed;
    }

    private string ToNhwc(string value, TfNode node) => _graph.Add("Transpose", [value], node.Name, Attr.Ints("perm", ToNhwcPerm));

    /// <summary>TF depthwise filter [H, W, C, M] to ONNX grouped weight [C·M, 1, H, W].</summary>
    private static TfTensor DepthwiseWeight(TfTensor filter)
    {
        var (kh, kw, c, m) = ((int)filter.Shape[0], (int)filter.Shape[1], (int)filter.Shape[2], (int)filter.Shape[3]);
        var source = filter.Floats!;
        var weight = new float[source.Length];
        for (var i = 0; i < kh; i++)
        {
            for (var j = 0; j < kw; j++)
            {
                for (var ci = 0; ci < c; ci++)
                {
                    for (var mi = 0; mi < m; mi++)
                    {
                        weight[((((ci * m) + mi) * kh) + i) * kw + j] = source[(((((i * kw) + j) * c) + ci) * m) + mi];
                    }
                }
            }
        }

        return TfTensor.Float([c * m, 1, kh, kw], weight);
    }

    /// <summary>A constant transposed by <paramref name="perm"/> (output axis i is input axis perm[i]).</summary>
    internal static TfTensor Permute(TfTensor tensor, long[] perm)
    {
        var shape = tensor.Shape;
        var rank = shape.Length;
        var outShape = perm.Select(p => shape[p]).ToArray();
        var inStrides = Strides(shape);
        var outStrides = Strides(outShape);
        var count = tensor.Count;
        var index = new long[rank];
        float[]? floats = tensor.Floats is null ? null : new float[count];
        long[]? ints = tensor.Ints is null ? null : new long[count];
        for (var o = 0; o < count; o++)
        {
            var rest = (long)o;
            var source = 0L;
            for (var axis = 0; axis < rank; axis++)
            {
                index[axis] = rest / outStrides[axis];
                rest %= outStrides[axis];
                source += index[axis] * inStrides[perm[axis]];
            }

            if (floats is not null)
            {
                floats[o] = tensor.Floats![source];
            }
            else
            {
                ints![o] = tensor.Ints![source];
            }
        }

        return tensor with { Shape = outShape, Floats = floats, Ints = ints };
    }

    internal static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        var stride = 1L;
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }

        return strides;
    }
}
