namespace Drape.Server.Storage;

/// <summary>
/// Binary objects (uploads, results). Keys are made by <see cref="BlobKeys"/>, never taken from user input.
/// The local-folder store is the default; an S3-compatible one arrives with the scale-out work.
/// </summary>
public interface IBlobStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken);

    /// <summary>Null when the blob does not exist.</summary>
    Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every blob whose key starts with <paramref name="prefix"/> (which must end with '/'); returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken);
}

public sealed record BlobInfo(string Key, long Length, DateTimeOffset LastModified);

public sealed record BlobContent(Stream Stream, long Length, string ContentType) : IDisposable, IAsyncDisposable
{
    public void Dispose() => Stream.Dispose();

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
