using Drape.Server.Engines.Oip;
using Drape.Vision.Models;
using Drape.Vision.TryOn;

namespace Drape.Server.Features.Inference;

/// <summary>What the inference role serves: every model of the manifest, and <c>tryon-builtin</c>.</summary>
public sealed class InferenceModels
{
    private readonly Dictionary<string, IServedModel> _models = new(StringComparer.Ordinal);

    public InferenceModels(ModelManager models, [FromKeyedServices(BuiltinTryOnEngine.EngineName)] ITryOnEngine builtin)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var group in models.Manifest.Models.GroupBy(m => m.Name))
        {
            _models[group.Key] = new OnnxServedModel(models, group.ToList());
        }

        _models[TryOnBuiltinModel.ModelName] = new TryOnBuiltinModel(builtin, models);
    }

    public IEnumerable<IServedModel> All => _models.Values;

    /// <summary>The model and the version asked for (the newest when none is), or a 404 <see cref="OipException"/>.</summary>
    public (IServedModel Model, string Version) Find(string name, string? version)
    {
        if (!_models.TryGetValue(name, out var model))
        {
            throw new OipException(404, $"Request for unknown model: '{name}' is not found");
        }

        if (version is null)
        {
            return (model, model.Versions[^1]);
        }

        return model.Versions.Contains(version)
            ? (model, version)
            : throw new OipException(404, $"Request for unknown model: '{name}' version {version} is not found");
    }

    /// <summary>
    /// Checks a request's inputs against the model's metadata as Triton does: no unknown or repeated inputs, every required
    /// one present, datatypes equal, shapes of the same rank and equal wherever the model's dimension is not -1.
    /// </summary>
    public static void Validate(IServedModel model, IReadOnlyList<OipTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var spec = model.Inputs.FirstOrDefault(i => i.Name == input.Name)
                ?? throw new OipException(400, $"unexpected inference input '{input.Name}' for model '{model.Name}' (inputs: {string.Join(", ", model.Inputs.Select(i => i.Name))})");
            if (!seen.Add(input.Name))
            {
                throw new OipException(400, $"input '{input.Name}' is given more than once");
            }

            if (input.Datatype != spec.Datatype)
            {
                throw new OipException(400, $"inference input '{input.Name}' data-type is '{input.Datatype}', but model '{model.Name}' expects '{spec.Datatype}'");
            }

            if (input.Shape.Length != spec.Shape.Count || input.Shape.Where((d, i) => spec.Shape[i] >= 0 && spec.Shape[i] != d).Any())
            {
                throw new OipException(400, $"unexpected shape for input '{input.Name}' for model '{model.Name}'. Expected [{string.Join(',', spec.Shape)}], got [{string.Join(',', input.Shape)}]");
            }
        }

        var missing = model.Inputs.Where(i => !seen.Contains(i.Name) && !model.OptionalInputs.Contains(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            throw new OipException(400, $"expected inputs {string.Join(", ", missing.Select(m => $"'{m}'"))} for model '{model.Name}' are missing");
        }
    }
}
