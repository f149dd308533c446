using System.Text;
using System.Text.Json.Nodes;

namespace Drape.ModelImport.Tfjs;

/// <summary>One node of the TensorFlow graph: name, op, data inputs (control inputs dropped) and attributes.</summary>
public sealed record TfNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonObject Attributes)
{
    public static TfNode FromJson(JsonObject json)
    {
        var inputs = (json["input"]?.AsArray() ?? [])
            .Select(i => i!.GetValue<string>())
            .Where(i => !i.StartsWith('^'))
            .ToList();
        return new TfNode(json["name"]!.GetValue<string>(), json["op"]!.GetValue<string>(), inputs, json["attr"]?.AsObject() ?? []);
    }

    public override string ToString() => $"{Op} node '{Name}'";

    public bool Has(string attribute) => Attributes.ContainsKey(attribute);

    public long Int(string attribute, long fallback = 0) =>
        Attributes[attribute]?["i"] is { } value ? long.Parse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public float Float(string attribute, float fallback = 0) => Attributes[attribute]?["f"]?.GetValue<float>() ?? fallback;

    public bool Bool(string attribute, bool fallback = false) => Attributes[attribute]?["b"]?.GetValue<bool>() ?? fallback;

    public string String(string attribute, string fallback = "") =>
        Attributes[attribute]?["s"] is { } value ? Encoding.UTF8.GetString(Convert.FromBase64String(value.GetValue<string>())) : fallback;

    public long[] Ints(string attribute) =>
        Attributes[attribute]?["list"]?["i"]?.AsArray().Select(v => long.Parse(v!.ToString(), System.Globalization.CultureInfo.InvariantCulture)).ToArray() ?? [];

    public string[] Strings(string attribute) =>
        Attributes[attribute]?["list"]?["s"]?.AsArray().Select(v => Encoding.UTF8.GetString(Convert.FromBase64String(v!.GetValue<string>()))).ToArray() ?? [];

    /// <summary>A dtype attribute (<c>T</c>, <c>dtype</c>, <c>DstT</c>, ...), or null when absent.</summary>
    public TfDType? Type(string attribute) => Attributes[attribute]?["type"]?.GetValue<string>() is { } type ? ParseType(type, this) : null;

    public long[]? Shape(string attribute) =>
        Attributes[attribute]?["shape"] is { } shape
            ? (shape["dim"]?.AsArray().Select(d => long.Parse(d!["size"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)).ToArray() ?? [])
            : null;

    public static TfDType ParseType(string type, TfNode node) => type switch
    {
        "DT_FLOAT" or "DT_HALF" => TfDType.Float,
        "DT_INT32" => TfDType.Int32,
        "DT_INT64" => TfDType.Int64,
        "DT_BOOL" => TfDType.Bool,
        _ => throw new ModelImportException($"{node} uses dtype {type}, which the importer does not handle."),
    };
}
