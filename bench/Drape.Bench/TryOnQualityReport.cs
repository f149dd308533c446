using System.Diagnostics;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using Drape.Imaging.Quality;
using Drape.Testing;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Bench;

/// <summary>
/// <c>quality</c>: the built-in engine (v2) end to end at 768×1024 per category (warm p50 and the median of each
/// step), then issue 6's quality metrics (<see cref="TryOnQuality"/>, the same code as the tests) over every person
/// fixture with a body × every garment fixture. <c>--images DIR</c> also writes each pair's side-by-side (person |
/// garment | result) to DIR, to look at.
/// </summary>
internal static class TryOnQualityReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchArgs.Int(args, "--runs", 15);
        var images = BenchArgs.String(args, "--images");
        if (images is not null)
        {
            Directory.CreateDirectory(images);
        }

        var repository = new ModelRepository(TestAssets.ModelsDir, ModelManifest.Default);
        await repository.PullAllAsync(null, CancellationToken.None);
        using var models = new ModelManager(repository);
        await using var segmenter = new PersonSegmenter(models);
        var engine = new BuiltinTryOnEngine(new MoveNetPoseEstimator(models), segmenter, new BuiltinTryOnOptions(), new MoveNetPoseEstimator(models, MoveNetPoseEstimator.Lightning));
        var faces = new BlazeFaceDetector(models);

        Console.WriteLine($"Latency, 768×1024 person (woman-business resized), {runs} warm runs each:");
        Console.WriteLine("| category | garment | p50 total | steps (median ms each) |");
        Console.WriteLine("|---|---|---|---|");
        using (var source = TestAssets.LoadFixture("person/upper/woman-business.png"))
        using (var person = ImageResize.Resize(source, 768, 1024))
        {
            foreach (var (category, fixture) in new[] { (GarmentCategory.Upper, "garment/upper/tee-blue.png"), (GarmentCategory.Lower, "garment/lower/trousers-green-render.png"), (GarmentCategory.Dress, "garment/dress/dress-pink-render.png") })
            {
                using var garment = TestAssets.LoadFixture(fixture);
                var totals = new List<double>();
                var (g0, g2, pause) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                var steps = new Dictionary<string, List<double>>();
                for (var i = 0; i < runs + 3; i++)
                {
                    var clock = Stopwatch.StartNew();
                    var trace = await engine.RunTracedAsync(new TryOnInput(person, garment, category, 1), null, CancellationToken.None);
                    clock.Stop();
                    trace.Result.Dispose();
                    trace.DisposeIntermediates();
                    if (i < 3)
                    {
                        continue; // warm-up
                    }

                    totals.Add(clock.Elapsed.TotalMilliseconds);
                    foreach (var (step, ms) in trace.Steps)
                    {
                        (steps.TryGetValue(step, out var list) ? list : steps[step] = []).Add(ms);
                    }
                }

                Console.WriteLine($"GC: gen0 {GC.CollectionCount(0) - g0}, gen2 {GC.CollectionCount(2) - g2}, pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms");
                Console.WriteLine($"| {category.ToString().ToLowerInvariant()} | {Path.GetFileName(fixture)} | {Median(totals):0} ms | "
                    + string.Join(", ", steps.Keys.Select(s => $"{s} {Median(steps[s]):0.0}")) + " |");
            }
        }

        if (args.Contains("--latency-only"))
        {
            return 0;
        }

        Console.WriteLine();
        Console.WriteLine("Quality over the fixtures (face SSIM vs input; pixels changed outside the garment region; mean ΔE placed vs own, before shading; worst shoulder offset, share of height):");
        Console.WriteLine("| person | garment | category | face SSIM | changed outside | mean ΔE | shoulder offset |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var people = new[] { "full", "upper" }.SelectMany(folder => Directory.GetFiles(TestAssets.FixturePath($"person/{folder}")).Order().Select(f => $"person/{folder}/{Path.GetFileName(f)}")).ToList();
        var garments = new[] { "upper", "lower", "dress" }.SelectMany(folder => Directory.GetFiles(TestAssets.FixturePath($"garment/{folder}")).Order().Select(f => (folder, $"garment/{folder}/{Path.GetFileName(f)}"))).ToList();
        var (ssims, deltas, offsets, failures) = (new List<double>(), new List<double>(), new List<double>(), 0);
        var changedTotal = 0L;
        foreach (var personFixture in people)
        {
            using var person = TestAssets.LoadFixture(personFixture);
            foreach (var (folder, garmentFixture) in garments)
            {
                var category = folder switch { "lower" => GarmentCategory.Lower, "dress" => GarmentCategory.Dress, _ => GarmentCategory.Upper };
                using var garment = TestAssets.LoadFixture(garmentFixture);
                TryOnTrace trace;
                try
                {
                    trace = await engine.RunTracedAsync(new TryOnInput(person, garment, category, 1), null, CancellationToken.None);
                }
                catch (Drape.Errors.DrapeException e)
                {
                    Console.WriteLine($"| {Path.GetFileName(personFixture)} | {Path.GetFileName(garmentFixture)} | {folder} | {e.ErrorCode} | | | |");
                    failures++;
                    continue;
                }

                using var result = trace.Result;
                var face = faces.Detect(trace.Person).FirstOrDefault();
                double? ssim = face is null ? null : TryOnQuality.Ssim(trace.Person, result, SKRectI.Round(face.Box));
                var changed = TryOnQuality.ChangedOutside(trace.Person, result, trace.Region);
                var deltaE = TryOnQuality.MeanDeltaE(trace.Cutout, trace.Layer, trace.Mesh);
                var pose = trace.Body.Pose;
                double? offset = category == GarmentCategory.Lower || !pose.Visible("right_shoulder") || !pose.Visible("left_shoulder") ? null : Math.Max(
                    TryOnQuality.ShareOfHeight(trace.GarmentRightShoulder, new SKPoint(pose["right_shoulder"].X, pose["right_shoulder"].Y), result.Height),
                    TryOnQuality.ShareOfHeight(trace.GarmentLeftShoulder, new SKPoint(pose["left_shoulder"].X, pose["left_shoulder"].Y), result.Height));
                if (ssim is { } s)
                {
                    ssims.Add(s);
                }

                if (offset is { } o)
                {
                    offsets.Add(o);
                }

                if (!double.IsNaN(deltaE))
                {
                    deltas.Add(deltaE);
                }

                changedTotal += changed;
                if (images is not null)
                {
                    using var sheet = SideBySide.Compose(Math.Min(768, result.Height), trace.Person, garment, result);
                    var name = $"{Path.GetFileNameWithoutExtension(personFixture)}+{Path.GetFileNameWithoutExtension(garmentFixture)}.jpg";
                    await File.WriteAllBytesAsync(Path.Combine(images, name), ImageEncoding.EncodeJpeg(sheet, 85));
                }

                Console.WriteLine($"| {Path.GetFileName(personFixture)} | {Path.GetFileName(garmentFixture)} | {folder} | {ssim?.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) ?? "no face"} | {changed} | {deltaE:0.0} | {(offset is { } v ? $"{v:P1}" : "—")} |");
                trace.DisposeIntermediates();
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Summary: {ssims.Count + failures} pairs with a face… face SSIM min {Min(ssims):0.000} (≥ 0.98: {ssims.Count(s => s >= 0.98)}/{ssims.Count}); "
            + $"changed outside the region: {changedTotal} px in all; mean ΔE mean {Mean(deltas):0.0}, max {Max(deltas):0.0} (≤ 10: {deltas.Count(d => d <= 10)}/{deltas.Count}); "
            + $"shoulder offset max {Max(offsets):P1} (≤ 5%: {offsets.Count(o => o <= 0.05)}/{offsets.Count}); no person: {failures}");
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();

    private static double Min(List<double> values) => values.Count == 0 ? double.NaN : values.Min();

    private static double Max(List<double> values) => values.Count == 0 ? double.NaN : values.Max();
}
