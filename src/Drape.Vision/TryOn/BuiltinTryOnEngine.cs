using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Imaging.Masks;
using Drape.Imaging.Processing;
using Drape.Vision.Body;
using Drape.Vision.Faces;
using SkiaSharp;

namespace Drape.Vision.TryOn;

/// <summary>
/// The built-in CPU try-on (v1): find the face (BlazeFace), derive the body from it (<see cref="BodyGeometry"/>), cut
/// the garment out (<see cref="GarmentMasker"/>), decide <c>auto</c> (<see cref="GarmentShape"/>), place and warp it
/// (<see cref="GarmentPlacement"/>, <see cref="GarmentWarp"/>), and compose it with the photo's light, face and hair on
/// top (<see cref="Compositor"/>). Deterministic: the same inputs give the same pixels, whatever the seed.
/// </summary>
public sealed class BuiltinTryOnEngine(IFaceDetector faces, BuiltinTryOnOptions options) : ITryOnEngine
{
    public const string EngineName = "builtin";
    public const string ModelName = "blazeface-1.2.0+proportions-v1";

    public string Name => EngineName;

    public Task<TryOnOutput> RunAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var person = ImageResize.FitWithin(input.Person, options.MaxWidth, options.MaxHeight);
        progress?.Report(10);

        var face = faces.Detect(person).FirstOrDefault() ?? throw DrapeException.NoPerson();
        var body = BodyGeometry.FromFace(face, person.Width, person.Height);
        progress?.Report(30);
        cancellationToken.ThrowIfCancellationRequested();

        using var garmentPhoto = ImageResize.FitWithin(input.Garment, options.GarmentWorkingSide, options.GarmentWorkingSide);
        using var cutout = GarmentMasker.Extract(garmentPhoto);
        var category = input.Category ?? GarmentShape.Classify(cutout.Mask);
        progress?.Report(50);
        cancellationToken.ThrowIfCancellationRequested();

        var target = GarmentPlacement.TargetFor(body, category, cutout.Aspect);
        using var layer = GarmentWarp.WarpToQuad(cutout, target, person.Width, person.Height);
        progress?.Report(70);
        cancellationToken.ThrowIfCancellationRequested();

        var keepOnTop = Mask.Ellipse(person.Width, person.Height, body.HeadAndHair, featherPx: Math.Max(2f, body.FaceHeight * 0.08f));
        var result = Compositor.Compose(person, layer, keepOnTop, new CompositeOptions());
        progress?.Report(100);
        return Task.FromResult(new TryOnOutput(result, category, ModelName));
    }
}
