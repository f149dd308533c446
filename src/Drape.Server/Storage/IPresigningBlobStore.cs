namespace Drape.Server.Storage;

/// <summary>A blob store whose objects clients can fetch directly through presigned URLs (S3).</summary>
public interface IPresigningBlobStore
{
    /// <summary>Whether signed URLs should point at the store itself rather than at Drape's <c>/files</c>.</summary>
    bool PresignsUrls { get; }

    /// <summary>A GET URL for <paramref name="key"/>, valid for <paramref name="lifetime"/>.</summary>
    string Presign(string key, TimeSpan lifetime);
}
