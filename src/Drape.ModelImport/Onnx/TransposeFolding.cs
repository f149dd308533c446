using Onnx;

namespace Drape.ModelImport.Onnx;

/// <summary>
/// Removes the transposes that wrapping NCHW ops in NHWC graphs leaves behind: a Transpose of a Transpose is merged into
/// one, and dropped when the two cancel; nodes whose outputs nobody reads are then removed.
/// </summary>
public static class TransposeFolding
{
    public static void Apply(IList<NodeProto> nodes, IReadOnlyCollection<string> graphOutputs)
    {
        var producers = nodes.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (renames.TryGetValue(node.Input[i], out var renamed))
                {
                    node.Input[i] = renamed;
                }
            }

            if (node.OpType != "Transpose" || !producers.TryGetValue(node.Input[0], out var source) || source.OpType != "Transpose")
            {
                continue;
            }

            var inner = Perm(source);
            var outer = Perm(node);
            var composed = outer.Select(p => inner[p]).ToArray();
            node.Input[0] = source.Input[0];
            if (composed.Select((p, i) => p == i).All(x => x) && !graphOutputs.Contains(node.Output[0]))
            {
                renames[node.Output[0]] = source.Input[0];
            }
            else
            {
                node.Attribute.Single(a => a.Name == "perm").Ints.Clear();
                node.Attribute.Single(a => a.Name == "perm").Ints.AddRange(composed);
            }
        }

        RemoveDead(nodes, graphOutputs);
    }

    private static long[] Perm(NodeProto transpose) => transpose.Attribute.Single(a => a.Name == "perm").Ints.ToArray();

    private static void RemoveDead(IList<NodeProto> nodes, IReadOnlyCollection<string> graphOutputs)
    {
        bool removed;
        do
        {
            var read = nodes.SelectMany(n => n.Input).Concat(graphOutputs).ToHashSet(StringComparer.Ordinal);
            removed = false;
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                if (!nodes[i].Output.Any(read.Contains))
                {
                    nodes.RemoveAt(i);
                    removed = true;
                }
            }
        }
        while (removed);
    }
}
