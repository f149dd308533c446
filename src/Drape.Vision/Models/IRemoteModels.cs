using Microsoft.ML.OnnxRuntime;

namespace Drape.Vision.Models;

/// <summary>
/// Models that run on another server (an Open Inference Protocol v2 node: Triton, KServe, MLServer or
/// <c>drape serve --role inference</c>) instead of in this process. <see cref="ModelManager"/> asks it per model name;
/// pre- and post-processing stay with the caller, only the tensors travel.
/// </summary>
public interface IRemoteModels
{
    /// <summary>Whether <paramref name="model"/> (a manifest name, e.g. <c>movenet-thunder</c>) runs remotely.</summary>
    bool Serves(string model);

    /// <summary>The remote model's inputs (names, datatypes, shapes; -1 for a dynamic dimension).</summary>
    Task<IReadOnlyList<TensorSpec>> InputsAsync(string model, CancellationToken cancellationToken);

    /// <summary>Runs the model remotely; outputs are managed tensors in the order the server returned them.</summary>
    Task<IReadOnlyList<NamedOnnxValue>> RunAsync(string model, IReadOnlyCollection<NamedOnnxValue> inputs, CancellationToken cancellationToken);
}
