using Drape.Vision.Faces;
using Drape.Vision.Models;
using SkiaSharp;

namespace Drape.Vision.Tests;

/// <summary>The repository's models folder, pulled on first use (npm), shared by the tests.</summary>
internal static class TestModels
{
    private static readonly Lazy<ModelRepository> Shared = new(() =>
    {
        var repository = new ModelRepository(Path.Combine(RepoRoot(), "models"), ModelManifest.Default);
        repository.PullAllAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        return repository;
    });

    private static readonly Lazy<BlazeFaceDetector> SharedDetector = new(() => new BlazeFaceDetector(Repository));

    public static ModelRepository Repository => Shared.Value;

    public static BlazeFaceDetector FaceDetector => SharedDetector.Value;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Drape.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("tests must run inside the repository");
    }

    public static SKBitmap Load(string fixture)
    {
        using var decoded = SKBitmap.Decode(Path.Combine(AppContext.BaseDirectory, "fixtures", fixture));
        var bitmap = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.DrawBitmap(decoded, 0, 0);
        return bitmap;
    }
}
