using Drape.Server.Engines.Oip;

namespace Drape.Server.Features.Inference;

/// <summary>A model the inference role serves over the Open Inference Protocol.</summary>
public interface IServedModel
{
    string Name { get; }

    /// <summary>Newest last.</summary>
    IReadOnlyList<string> Versions { get; }

    string Platform { get; }

    IReadOnlyList<OipTensorMetadata> Inputs { get; }

    IReadOnlyList<OipTensorMetadata> Outputs { get; }

    /// <summary>Inputs a request may leave out.</summary>
    IReadOnlySet<string> OptionalInputs { get; }

    bool IsReady();

    /// <summary>Runs one request whose inputs were already checked against <see cref="Inputs"/>.</summary>
    Task<IReadOnlyList<OipTensor>> InferAsync(string version, IReadOnlyList<OipTensor> inputs, CancellationToken cancellationToken);
}
