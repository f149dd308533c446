namespace Drape.Server.Storage;

public static class BlobStoreExtensions
{
    /// <summary>A whole blob in memory, or null when it does not exist.</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(this IBlobStore blobs, string key, CancellationToken cancellationToken)
    {
        await using var blob = await blobs.OpenReadAsync(key, cancellationToken);
        if (blob is null)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Min(blob.Length, int.MaxValue));
        await blob.Stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
