using System.Text;
using Drape.Server.Storage;

namespace Drape.Server.Tests.Platform;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drape-blobs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Put_read_list_and_delete_round_trip()
    {
        var store = new LocalBlobStore(_root);
        var id = Guid.CreateVersion7();
        var key = BlobKeys.JobFile(id, "person.png");
        await store.PutAsync(key, Encoding.UTF8.GetBytes("pixels"), "image/png", default);

        await using (var blob = await store.OpenReadAsync(key, default))
        {
            Assert.NotNull(blob);
            Assert.Equal("image/png", blob.ContentType);
            Assert.Equal(6, blob.Length);
        }

        var listed = await store.ListAsync(BlobKeys.JobsPrefix, default).ToListAsync();
        Assert.Equal(key, Assert.Single(listed).Key);

        Assert.Equal(1, await store.DeletePrefixAsync(BlobKeys.JobFolder(id), default));
        Assert.Null(await store.OpenReadAsync(key, default));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root)); // empty folders go too
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("/etc/passwd")]
    [InlineData("jobs/../../x")]
    [InlineData("Jobs/Upper.png")]
    [InlineData("")]
    public async Task Keys_outside_the_scheme_are_refused(string key)
    {
        var store = new LocalBlobStore(_root);
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new byte[] { 1 }, "image/png", default));
        Assert.False(BlobKeys.IsValid(key));
    }

    [Fact]
    public async Task A_missing_blob_reads_as_null_and_deletes_as_false()
    {
        var store = new LocalBlobStore(_root);
        Assert.Null(await store.OpenReadAsync("results/none.png", default));
        Assert.False(await store.DeleteAsync("results/none.png", default));
        Assert.Equal(0, await store.DeletePrefixAsync("jobs/none/", default));
    }
}
