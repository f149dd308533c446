using Drape.Server.Engines.Oip;
using Drape.Vision.Models;

namespace Drape.Server.Features.Inference;

/// <summary>A model of <c>models/manifest.json</c> (every version of one name), run by <see cref="ModelManager"/>.</summary>
internal sealed class OnnxServedModel(ModelManager models, IReadOnlyList<ModelEntry> entries) : IServedModel
{
    private readonly ModelEntry _newest = entries[^1];

    public string Name => _newest.Name;

    public IReadOnlyList<string> Versions { get; } = entries.Select(e => e.Version).ToList();

    public string Platform => "onnxruntime_onnx";

    public IReadOnlyList<OipTensorMetadata> Inputs { get; } = Metadata(entries[^1].Inputs);

    public IReadOnlyList<OipTensorMetadata> Outputs { get; } = Metadata(entries[^1].Outputs);

    public IReadOnlySet<string> OptionalInputs { get; } = new HashSet<string>();

    public bool IsReady()
    {
        var state = models.States().FirstOrDefault(s => s.Model == _newest.Id);
        return state is { File: "ok" } && state.State != "failed";
    }

    public async Task<IReadOnlyList<OipTensor>> InferAsync(string version, IReadOnlyList<OipTensor> inputs, CancellationToken cancellationToken)
    {
        var outputs = await models.RunAsync($"{Name}:{version}", inputs.Select(i => i.ToOnnx()).ToList(), cancellationToken);
        return outputs.Select(OipTensor.From).ToList();
    }

    private static List<OipTensorMetadata> Metadata(IReadOnlyList<TensorSpec> specs) =>
        specs.Select(s => new OipTensorMetadata(s.Name, OipDatatypes.FromManifest(s.Dtype), s.Shape)).ToList();
}
