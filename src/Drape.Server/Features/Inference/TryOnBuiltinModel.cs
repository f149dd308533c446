using Drape.Server.Engines.Oip;
using Drape.Vision.Models;
using Drape.Vision.TryOn;
using C = Drape.Server.Engines.Oip.OipTryOnContract;

namespace Drape.Server.Features.Inference;

/// <summary>
/// <c>tryon-builtin</c>: Drape's built-in try-on engine behind the OIP try-on tensor contract (docs/engines/oip.md), so
/// a Drape node can stand where a diffusion try-on on Triton would, and the <c>oip</c> engine runs end to end.
/// The built-in engine finds the body itself: <c>person_mask</c> and <c>pose_keypoints</c> are accepted and unused.
/// </summary>
internal sealed class TryOnBuiltinModel(ITryOnEngine builtin, ModelManager models) : IServedModel
{
    public const string ModelName = "tryon-builtin";

    public string Name => ModelName;

    public IReadOnlyList<string> Versions { get; } = ["1"];

    public string Platform => "drape_builtin";

    public IReadOnlyList<OipTensorMetadata> Inputs { get; } =
    [
        new(C.PersonImage, OipDatatypes.Uint8, [1, -1, -1, 3]),
        new(C.GarmentImage, OipDatatypes.Uint8, [1, -1, -1, 3]),
        new(C.PersonMask, OipDatatypes.Uint8, [1, -1, -1]),
        new(C.PoseKeypoints, OipDatatypes.Fp32, [1, 17, 3]),
        new(C.Category, OipDatatypes.Bytes, [1]),
        new(C.Seed, OipDatatypes.Int64, [1]),
        new(C.Description, OipDatatypes.Bytes, [1]),
    ];

    public IReadOnlyList<OipTensorMetadata> Outputs { get; } =
    [
        new(C.ResultImage, OipDatatypes.Uint8, [1, -1, -1, 3]),
        new(C.Category, OipDatatypes.Bytes, [1]),
    ];

    public IReadOnlySet<string> OptionalInputs { get; } = new HashSet<string> { C.PersonMask, C.PoseKeypoints, C.Category, C.Seed, C.Description };

    public bool IsReady() => models.States().All(s => s.File == "ok" && s.State != "failed");

    public async Task<IReadOnlyList<OipTensor>> InferAsync(string version, IReadOnlyList<OipTensor> inputs, CancellationToken cancellationToken)
    {
        var byName = inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        using var person = OipImages.ToBitmap(byName[C.PersonImage]);
        using var garment = OipImages.ToBitmap(byName[C.GarmentImage]);
        var category = C.ParseCategory(byName.GetValueOrDefault(C.Category)?.AsText());
        var seed = byName.GetValueOrDefault(C.Seed)?.Data is long[] and [var s] ? (int)s : 0;
        var description = byName.GetValueOrDefault(C.Description)?.AsText();

        var output = await builtin.RunAsync(new TryOnInput(person, garment, category, seed, description), null, cancellationToken);
        using var result = output.Image;
        return [OipImages.ToTensor(C.ResultImage, result), OipTensor.Text(C.Category, C.CategoryName(output.Category))];
    }
}
