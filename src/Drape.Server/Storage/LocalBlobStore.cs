using System.Runtime.CompilerServices;

namespace Drape.Server.Storage;

/// <summary>Blobs as files under one folder (<c>&lt;DataDir&gt;/blobs</c>). Writes are atomic (temp file + rename).</summary>
public sealed class LocalBlobStore(string root) : IBlobStore
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(temp, data, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
            return Task.FromResult<BlobContent?>(new BlobContent(stream, stream.Length, BlobKeys.ContentTypeFor(key)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<BlobContent?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathFor(key)));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        RemoveEmptyParents(Path.GetDirectoryName(path)!);
        return Task.FromResult(true);
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException("A prefix must end with '/'.", nameof(prefix));
        }

        var folder = PathFor(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(0);
        }

        var count = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
        Directory.Delete(folder, recursive: true);
        RemoveEmptyParents(Path.GetDirectoryName(folder)!);
        return Task.FromResult(count);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.EndsWith(".part", StringComparison.Ordinal))
            {
                continue;
            }

            var key = Path.GetRelativePath(_root, file).Replace('\\', '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var info = new FileInfo(file);
                yield return new BlobInfo(key, info.Length, info.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    private string PathFor(string key)
    {
        BlobKeys.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("Invalid blob key.", nameof(key));
        }

        return path;
    }

    private void RemoveEmptyParents(string folder)
    {
        while (folder.Length > _root.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // another process wrote into it meanwhile
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
