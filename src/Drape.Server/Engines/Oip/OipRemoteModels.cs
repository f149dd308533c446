using System.Collections.Concurrent;
using Drape.Errors;
using Drape.Vision.Models;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Drape.Server.Engines.Oip;

/// <summary>
/// The perception models that <c>Drape:Engines:Oip:Models</c> sends to the remote server: <see cref="ModelManager"/>
/// hands their tensors here, the detectors' pre- and post-processing stay in this process.
/// </summary>
public sealed class OipRemoteModels(OipClient client, IOptions<OipOptions> options) : IRemoteModels
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<TensorSpec>> _inputs = new(StringComparer.Ordinal);

    public bool Serves(string model) => options.Value.Models.For(model) is not null;

    public async Task<IReadOnlyList<TensorSpec>> InputsAsync(string model, CancellationToken cancellationToken)
    {
        var remote = Remote(model);
        if (_inputs.TryGetValue(remote, out var known))
        {
            return known;
        }

        var metadata = await client.ModelMetadataAsync(remote, cancellationToken);
        if (metadata.Inputs.Count == 0)
        {
            throw DrapeException.Inference($"The inference server's model '{remote}' has no inputs.");
        }

        var inputs = metadata.Inputs.Select(i => new TensorSpec(i.Name, i.Shape, i.Datatype)).ToList();
        return _inputs[remote] = inputs;
    }

    public async Task<IReadOnlyList<NamedOnnxValue>> RunAsync(string model, IReadOnlyCollection<NamedOnnxValue> inputs, CancellationToken cancellationToken)
    {
        var response = await client.InferAsync(Remote(model), inputs.Select(OipTensor.From).ToList(), cancellationToken);
        try
        {
            return response.Outputs.Select(o => o.ToOnnx()).ToList();
        }
        catch (Exception e) when (e is NotSupportedException or OverflowException or ArgumentException)
        {
            throw DrapeException.Inference($"The inference server's outputs for '{model}' cannot be used: {e.Message}", e);
        }
    }

    private string Remote(string model) => options.Value.Models.For(model) ?? throw new InvalidOperationException($"'{model}' is not served remotely.");
}
