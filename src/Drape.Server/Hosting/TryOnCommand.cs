using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;

namespace Drape.Server.Hosting;

/// <summary>
/// <c>drape tryon --person p.jpg --garment g.jpg [--category auto|upper|lower|dress] [--photo-type auto|flat_lay|on_model]
/// [--out r.png] [--side-by-side [s.png]] [--debug d.png]</c>: the built-in engine on two files, with the time of each step.
/// </summary>
internal static class TryOnCommand
{
    private const string Usage = "Usage: drape tryon --person P --garment G [--category auto|upper|lower|dress] [--photo-type auto|flat_lay|on_model] [--out R.png] [--side-by-side [S.png]] [--debug D.png]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--person" or "--garment" or "--category" or "--photo-type" or "--out" or "--debug" && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else if (args[i] == "--side-by-side")
            {
                options["--side-by-side"] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (options.GetValueOrDefault("--person") is not { } personPath || options.GetValueOrDefault("--garment") is not { } garmentPath
            || !TryCategory(options.GetValueOrDefault("--category"), out var category) || !TryPhotoType(options.GetValueOrDefault("--photo-type"), out var photoType))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 64;
        }

        var output = options.GetValueOrDefault("--out") ?? Path.ChangeExtension(Path.GetFileName(personPath), null) + "+tryon.png";
        var builder = Host.CreateApplicationBuilder([.. rest]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddVisionModels();
        using var host = builder.Build();
        var models = host.Services.GetRequiredService<ModelManager>();
        var modelOptions = host.Services.GetRequiredService<IOptions<ModelOptions>>().Value;
        await host.Services.GetRequiredService<ModelRepository>().PullAllAsync(null, CancellationToken.None);
        await using var segmenter = new PersonSegmenter(models);
        var engine = new BuiltinTryOnEngine(new MoveNetPoseEstimator(models, modelOptions.PoseModel), segmenter, new BuiltinTryOnOptions(), new MoveNetPoseEstimator(models, MoveNetPoseEstimator.Lightning));
        try
        {
            using var person = Decode(personPath, "person_image");
            using var garment = Decode(garmentPath, "garment_image");
            var trace = await engine.RunTracedAsync(new TryOnInput(person.Bitmap, garment.Bitmap, category, 0, null, photoType), null, CancellationToken.None);
            using var result = trace.Result;
            await File.WriteAllBytesAsync(output, ImageEncoding.EncodePng(result));
            Console.WriteLine($"drape tryon: {output} ({trace.Category.ToString().ToLowerInvariant()}, {(trace.PhotoType == GarmentPhotoType.OnModel ? "on_model" : "flat_lay")}); "
                + string.Join(", ", trace.Steps.Select(s => $"{s.Step} {s.Milliseconds:0} ms")));
            if (options.TryGetValue("--side-by-side", out var sheetPath))
            {
                sheetPath = string.IsNullOrEmpty(sheetPath) ? Path.ChangeExtension(output, null) + "-side-by-side.png" : sheetPath;
                using var sheet = SideBySide.Compose(Math.Min(1024, trace.Person.Height), trace.Person, garment.Bitmap, result);
                await File.WriteAllBytesAsync(sheetPath, ImageEncoding.EncodePng(sheet));
                Console.WriteLine($"drape tryon: {sheetPath} (person | garment | result)");
            }

            if (options.GetValueOrDefault("--debug") is { } debugPath)
            {
                using var seen = TryOnDebugView.Person(trace);
                using var cutout = TryOnDebugView.Garment(trace);
                using var sheet = SideBySide.Compose(Math.Min(1024, trace.Person.Height), seen, cutout, result);
                await File.WriteAllBytesAsync(debugPath, ImageEncoding.EncodePng(sheet));
                Console.WriteLine($"drape tryon: {debugPath} (what the engine saw | garment landmarks | result)");
            }

            trace.DisposeIntermediates();
            return 0;
        }
        catch (DrapeException e)
        {
            await Console.Error.WriteLineAsync($"drape tryon: {e.ErrorCode}: {e.Message}");
            return 1;
        }
    }

    /// <summary>A file from disk has no declared type: the type its bytes show is the one it is checked against.</summary>
    private static DecodedImage Decode(string path, string field)
    {
        var data = File.ReadAllBytes(path);
        return ImageUploadDecoder.Decode(data, ImageUploadDecoder.Sniff(data)?.MimeType(), field, new ImageLimits());
    }

    private static bool TryCategory(string? value, out GarmentCategory? category)
    {
        category = value switch { "upper" => GarmentCategory.Upper, "lower" => GarmentCategory.Lower, "dress" => GarmentCategory.Dress, _ => null };
        return value is null or "auto" || category is not null;
    }

    private static bool TryPhotoType(string? value, out GarmentPhotoType? type)
    {
        type = value switch { "flat_lay" => GarmentPhotoType.FlatLay, "on_model" => GarmentPhotoType.OnModel, _ => null };
        return value is null or "auto" || type is not null;
    }
}
