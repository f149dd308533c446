namespace Drape.ModelImport.Tfjs;

/// <summary>
/// Folds nodes whose inputs are all constants (shape arithmetic such as Shape→StridedSlice→Pack chains once the batch is
/// pinned), so ops that need constant parameters (Reshape, Resize, Pad) get them.
/// </summary>
public sealed partial class TfjsToOnnx
{
    private bool TryFold(TfNode node)
    {
        if (node.Op == "Placeholder" || node.Inputs.Count == 0)
        {
            return false;
        }

        var inputs = node.Inputs.Select(ConstantOf).ToList();
        if (inputs.Any(i => i is null))
        {
            return false;
        }

        var folded = Fold(node, inputs!);
        if (folded is null)
        {
            return false;
        }

        SetConstant(node, folded);
        return true;
    }

    private static TfTensor? Fold(TfNode node, List<TfTensor> inputs)
    {
        switch (node.Op)
        {
            case "Identity":
            case "StopGradient":
                return inputs[0];
            case "Cast":
            {
                var to = node.Type("DstT");
                var source = inputs[0];
                return to switch
                {
                    TfDType.Float => TfTensor.Float(source.Shape, source.Floats ?? source.Ints!.Select(v => (float)v).ToArray()),
                    TfDType.Int32 or TfDType.Int64 => source with { DType = to.Value, Floats = null, Ints = source.Ints ?? source.Floats!.Select(v => (long)v).ToArray() },
                    _ => null,
                };
            }

            case "Add" or "AddV2" or "Sub" or "Mul" or "FloorDiv" or "RealDiv" or "Maximum" or "Minimum":
                return FoldBinary(node.Op, inputs[0], inputs[1]);
            case "Pack" when inputs.All(i => i.Count == 1 && i.Shape.Length == 0 && i.Ints is not null) && node.Int("axis") == 0:
                return inputs[0] with { Shape = [inputs.Count], Ints = inputs.Select(i => i.Ints![0]).ToArray() };
            case "ConcatV2" when inputs.Take(inputs.Count - 1).All(i => i.Shape.Length == 1 && i.Ints is not null):
            {
                var parts = inputs.Take(inputs.Count - 1).ToList();
                var values = parts.SelectMany(p => p.Ints!).ToArray();
                return parts[0] with { Shape = [values.Length], Ints = values };
            }

            case "Reshape" when inputs[1].Ints is { } target:
            {
                var known = target.Where(d => d >= 0).Aggregate(1L, (a, b) => a * b);
                var shape = target.Select(d => d < 0 ? inputs[0].Count / known : d).ToArray();
                return inputs[0] with { Shape = shape };
            }

            default:
                return null;
        }
    }

    private static TfTensor? FoldBinary(string op, TfTensor a, TfTensor b)
    {
        if (a.Count != b.Count && a.Count != 1 && b.Count != 1)
        {
            return null;
        }

        var count = Math.Max(a.Count, b.Count);
        var shape = a.Count >= b.Count ? a.Shape : b.Shape;
        if (a.Ints is not null && b.Ints is not null && op != "RealDiv")
        {
            var values = new long[count];
            for (var i = 0; i < count; i++)
            {
                var (x, y) = (a.Ints[a.Count == 1 ? 0 : i], b.Ints[b.Count == 1 ? 0 : i]);
                values[i] = op switch
                {
                    "Add" or "AddV2" => x + y,
                    "Sub" => x - y,
                    "Mul" => x * y,
                    "FloorDiv" => (long)Math.Floor((double)x / y),
                    "Maximum" => Math.Max(x, y),
                    _ => Math.Min(x, y),
                };
            }

            return a with { Shape = shape, Ints = values };
        }

        if (a.Floats is not null && b.Floats is not null)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                var (x, y) = (a.Floats[a.Count == 1 ? 0 : i], b.Floats[b.Count == 1 ? 0 : i]);
                values[i] = op switch
                {
                    "Add" or "AddV2" => x + y,
                    "Sub" => x - y,
                    "Mul" => x * y,
                    "RealDiv" => x / y,
                    "FloorDiv" => MathF.Floor(x / y),
                    "Maximum" => MathF.Max(x, y),
                    _ => MathF.Min(x, y),
                };
            }

            return TfTensor.Float(shape, values);
        }

        return null;
    }
}
