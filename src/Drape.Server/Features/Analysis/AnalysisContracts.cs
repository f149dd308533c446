namespace Drape.Server.Features.Analysis;

/// <summary>The answer of <c>POST /api/v1/analyze-body</c>. Coordinates are original image pixels.</summary>
/// <param name="Mode">full_body, upper_body, head_only or none.</param>
/// <param name="KeypointCoverage">Share of the 17 keypoints with score ≥ 0.3.</param>
/// <param name="BodyType">slim, athletic, average, curvy or plus_size; null when shoulders and hips are not both measurable.</param>
/// <param name="MaskUrl">Signed URL of the person mask (PNG, white = person); null when no person was found.</param>
public sealed record AnalyzeBodyResponse(
    bool PersonFound,
    string Mode,
    double KeypointCoverage,
    IReadOnlyList<KeypointView> Keypoints,
    BoxView? Bbox,
    string? BodyType,
    MeasurementsView? Measurements,
    string? MaskUrl,
    long DurationMs);

public sealed record KeypointView(string Name, double X, double Y, double Score);

public sealed record BoxView(double X, double Y, double Width, double Height);

/// <summary>Silhouette widths (px) at shoulders, waist and hips, the torso length they are judged against, and their ratios.</summary>
public sealed record MeasurementsView(
    double ShoulderWidthPx,
    double WaistWidthPx,
    double HipWidthPx,
    double TorsoLengthPx,
    double WaistToHip,
    double ShoulderToHip,
    double WaistToShoulder);

/// <summary>The answer of <c>POST /api/v1/analyze-face-features</c>.</summary>
public sealed record AnalyzeFaceResponse(IReadOnlyList<FaceView> Faces, SkinView Skin, PaletteView Palette, long DurationMs);

/// <param name="Landmarks">BlazeFace's six points by name: right_eye, left_eye, nose_tip, mouth, right_ear, left_ear (the subject's sides).</param>
public sealed record FaceView(BoxView Bbox, IReadOnlyDictionary<string, PointView> Landmarks, double Score);

public sealed record PointView(double X, double Y);

/// <param name="ItaClass">very_light, light, intermediate, tan, brown or dark (Chardon's ITA° bands).</param>
/// <param name="Category">One of the 12 categories of docs/skin-tone.md.</param>
/// <param name="Fitzpatrick">I to VI, estimated from ITA°.</param>
public sealed record SkinView(
    LabView Lab,
    string Hex,
    double ItaDegrees,
    string ItaClass,
    string Category,
    string Undertone,
    string Fitzpatrick,
    double Confidence,
    int PixelsSampled);

public sealed record LabView(double L, double A, double B);

public sealed record SwatchView(string Hex, string Name)
{
    public static List<SwatchView> From(IEnumerable<Drape.Vision.Skin.NamedColor> colours) => colours.Select(c => new SwatchView(c.Hex, c.Name)).ToList();
}

public sealed record PaletteView(
    string Category,
    IReadOnlyList<SwatchView> Best,
    IReadOnlyList<SwatchView> Avoid,
    IReadOnlyList<SwatchView> Metals,
    IReadOnlyList<SwatchView> Neutrals);

/// <summary>Documents the multipart body of the analysis endpoints.</summary>
public sealed class AnalysisForm
{
    [Docs.FormFile]
    [System.ComponentModel.Description("Photo (JPEG, PNG or WebP, ≤ 10 MB, ≤ 40 MP)")]
    public required object Image { get; init; }
}
