using Drape.ModelImport.Onnx;

namespace Drape.ModelImport.Tfjs;

/// <summary>Shape and indexing ops. Axis attributes keep their TF (NHWC) meaning because tensors stay NHWC.</summary>
public sealed partial class TfjsToOnnx
{
    private bool ConvertShape(TfNode node)
    {
        switch (node.Op)
        {
            case "Placeholder":
                Placeholder(node);
                return true;
            case "Cast":
            {
                var to = node.Type("DstT") ?? throw new ModelImportException($"{node} has no DstT.");
                Set(node, Add("Cast", node, [Input(node, 0)], Attr.Int("to", OnnxGraphBuilder.OnnxType(to))), to);
                return true;
            }

            case "Reshape":
            {
                var shape = ConstantOf(node.Inputs[1])?.AsLongs("shape");
                var shapeInput = shape is null ? CastToInt64(node, 1) : _graph.Int64s(shape);
                var allowZero = shape is not null && shape.Contains(0) ? 1 : 0;
                Set(node, Add("Reshape", node, [Input(node, 0), shapeInput], Attr.Int("allowzero", allowZero)));
                return true;
            }

            case "Squeeze":
            {
                var axes = node.Ints("squeeze_dims") is { Length: > 0 } dims ? dims : node.Ints("axis");
                Set(node, axes.Length == 0 ? Add("Squeeze", node, [Input(node, 0)]) : Add("Squeeze", node, [Input(node, 0), _graph.Int64s(axes)]));
                return true;
            }

            case "ExpandDims":
                Set(node, Add("Unsqueeze", node, [Input(node, 0), _graph.Int64s(RequireConstant(node, 1, "axis").AsLongs("axis"))]));
                return true;
            case "ConcatV2":
            {
                var axis = RequireConstant(node, node.Inputs.Count - 1, "axis").AsLongs("axis")[0];
                Set(node, Add("Concat", node, node.Inputs.Take(node.Inputs.Count - 1).Select(Value), Attr.Int("axis", axis)));
                return true;
            }

            case "Pack":
            {
                var axis = node.Int("axis");
                var axes = _graph.Int64s(axis);
                var parts = node.Inputs.Select((input, i) => Helper("Unsqueeze", node, $"part{i}", [Value(input), axes])).ToList();
                Set(node, Add("Concat", node, parts, Attr.Int("axis", axis)));
                return true;
            }

            case "Unpack":
                Unpack(node);
                return true;
            case "Split":
            case "SplitV":
                Split(node);
                return true;
            case "StridedSlice":
                StridedSlice(node);
                return true;
            case "Slice":
            {
                var begin = RequireConstant(node, 1, "begin").AsLongs("begin");
                var size = RequireConstant(node, 2, "size").AsLongs("size");
                var end = begin.Select((b, i) => size[i] < 0 ? long.MaxValue : b + size[i]).ToArray();
                var axes = Enumerable.Range(0, begin.Length).Select(i => (long)i).ToArray();
                Set(node, Add("Slice", node, [Input(node, 0), _graph.Int64s(begin), _graph.Int64s(end), _graph.Int64s(axes)]));
                return true;
            }

            case "GatherV2":
            case "Gather":
            {
                var axis = node.Op == "GatherV2" ? RequireConstant(node, 2, "axis").AsLongs("axis")[0] : 0;
                if (node.Int("batch_dims") != 0)
                {
                    throw new ModelImportException($"{node}: batch_dims other than 0 is not supported.");
                }

                Set(node, Add("Gather", node, [Input(node, 0), Input(node, 1)], Attr.Int("axis", axis)), TypeOf(node.Inputs[0]));
                return true;
            }

            case "GatherNd":
                Set(node, Add("GatherND", node, [Input(node, 0), CastToInt64(node, 1)]), TypeOf(node.Inputs[0]));
                return true;
            case "Transpose":
                Set(node, Add("Transpose", node, [Input(node, 0)], Attr.Ints("perm", RequireConstant(node, 1, "perm").AsLongs("perm"))));
                return true;
            case "Tile":
                Set(node, Add("Tile", node, [Input(node, 0), _graph.Int64s(RequireConstant(node, 1, "multiples").AsLongs("multiples"))]));
                return true;
            case "Fill":
                Set(node, Add("Expand", node, [Input(node, 1), _graph.Int64s(RequireConstant(node, 0, "dims").AsLongs("dims"))]), TypeOf(node.Inputs[1]));
                return true;
            case "Shape":
            {
                var outType = node.Type("out_type") ?? TfDType.Int32;
                var shape = Helper("Shape", node, "shape", [Input(node, 0)]);
                Set(node, outType == TfDType.Int64 ? shape : Add("Cast", node, [shape], Attr.Int("to", OnnxGraphBuilder.OnnxType(outType))), outType);
                return true;
            }

            case "ArgMax":
            case "ArgMin":
            {
                var axis = RequireConstant(node, 1, "dimension").AsLongs("dimension")[0];
                var outType = node.Type("output_type") ?? TfDType.Int64;
                var attributes = new[] { Attr.Int("axis", axis), Attr.Int("keepdims", 0), Attr.Int("select_last_index", 0) };
                var index = outType == TfDType.Int64
                    ? Add(node.Op, node, [Input(node, 0)], attributes)
                    : Add("Cast", node, [Helper(node.Op, node, "index", [Input(node, 0)], attributes)], Attr.Int("to", OnnxGraphBuilder.OnnxType(outType)));
                Set(node, index, outType);
                return true;
            }

            default:
                return false;
        }
    }

    private void Placeholder(TfNode node)
    {
        var dtype = node.Type("dtype") ?? TfDType.Float;
        var shape = node.Shape("shape") ?? throw new ModelImportException($"{node} has no static shape; the importer needs one.");
        var pinned = shape.Select((d, i) => i == 0 ? (_options.DynamicBatch ? -1 : Math.Max(d, 1)) : d).ToArray();
        if (pinned.Skip(1).Any(d => d < 0))
        {
            throw new ModelImportException($"{node} has dynamic dimensions other than the batch: [{string.Join(", ", shape)}].");
        }

        _graph.AddInput(node.Name, dtype, pinned);
        Set(node, node.Name, dtype);
    }

    private void Unpack(TfNode node)
    {
        var count = (int)node.Int("num");
        var axis = node.Int("axis");
        var axes = _graph.Int64s(axis);
        if (count == 1)
        {
            Set(node, Add("Squeeze", node, [Input(node, 0), axes]));
            return;
        }

        var parts = _graph.AddMany("Split", [Input(node, 0)], $"{node.Name}/split", count, Attr.Int("axis", axis), Attr.Int("num_outputs", count));
        for (var i = 0; i < count; i++)
        {
            Set(node, _graph.Add("Squeeze", [parts[i], axes], i == 0 ? node.Name : $"{node.Name}:{i}"), index: i);
        }
    }

    private void Split(TfNode node)
    {
        var count = (int)node.Int("num_split");
        string[] parts;
        if (node.Op == "Split")
        {
            var axis = RequireConstant(node, 0, "axis").AsLongs("axis")[0];
            parts = _graph.AddMany("Split", [Input(node, 1)], node.Name, count, Attr.Int("axis", axis), Attr.Int("num_outputs", count));
        }
        else
        {
            var sizes = RequireConstant(node, 1, "size_splits").AsLongs("size_splits");
            var axis = RequireConstant(node, 2, "axis").AsLongs("axis")[0];
            parts = _graph.AddMany("Split", [Input(node, 0), _graph.Int64s(sizes)], node.Name, count, Attr.Int("axis", axis));
        }

        for (var i = 0; i < count; i++)
        {
            Set(node, parts[i], index: i);
        }
    }

    /// <summary>TF StridedSlice with begin/end/shrink-axis masks (ellipsis and new-axis masks are refused).</summary>
    private void StridedSlice(TfNode node)
    {
        if (node.Int("ellipsis_mask") != 0 || node.Int("new_axis_mask") != 0)
        {
            throw new ModelImportException($"{node}: ellipsis_mask and new_axis_mask are not supported.");
        }

        var begin = RequireConstant(node, 1, "begin").AsLongs("begin");
        var end = RequireConstant(node, 2, "end").AsLongs("end");
        var strides = RequireConstant(node, 3, "strides").AsLongs("strides");
        var (beginMask, endMask, shrinkMask) = (node.Int("begin_mask"), node.Int("end_mask"), node.Int("shrink_axis_mask"));
        var starts = new long[begin.Length];
        var ends = new long[begin.Length];
        var shrink = new List<long>();
        for (var i = 0; i < begin.Length; i++)
        {
            var step = strides[i];
            var bit = 1L << i;
            if ((shrinkMask & bit) != 0)
            {
                starts[i] = begin[i];
                ends[i] = begin[i] == -1 ? long.MaxValue : begin[i] + 1;
                strides[i] = 1;
                shrink.Add(i);
                continue;
            }

            starts[i] = (beginMask & bit) != 0 ? (step > 0 ? 0 : long.MaxValue) : begin[i];
            ends[i] = (endMask & bit) != 0 ? (step > 0 ? long.MaxValue : long.MinValue) : end[i];
        }

        var axes = Enumerable.Range(0, begin.Length).Select(i => (long)i).ToArray();
        var sliced = shrink.Count == 0
            ? Add("Slice", node, [Input(node, 0), _graph.Int64s(starts), _graph.Int64s(ends), _graph.Int64s(axes), _graph.Int64s(strides)])
            : Helper("Slice", node, "slice", [Input(node, 0), _graph.Int64s(starts), _graph.Int64s(ends), _graph.Int64s(axes), _graph.Int64s(strides)]);
        Set(node, shrink.Count == 0 ? sliced : Add("Squeeze", node, [sliced, _graph.Int64s([.. shrink])]));
    }

    private string CastToInt64(TfNode node, int index)
    {
        if (ConstantOf(node.Inputs[index]) is { Ints: not null } constant)
        {
            return _graph.Initializer($"{node.Name}/indices", TfTensor.Long(constant.Shape, constant.Ints));
        }

        var value = Input(node, index);
        return TypeOf(node.Inputs[index]) == TfDType.Int64
            ? value
            : Helper("Cast", node, $"int64_{index}", [value], Attr.Int("to", OnnxGraphBuilder.OnnxType(TfDType.Int64)));
    }
}
