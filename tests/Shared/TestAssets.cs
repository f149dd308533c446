using SkiaSharp;

namespace Drape.Testing;

/// <summary>
/// Shared by every test project and the benchmarks (linked into each): the repository root, the fixtures copied
/// next to the binaries, and fixture loading in the layout Drape's pixel code takes (Rgba8888, unpremultiplied).
/// </summary>
internal static class TestAssets
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Drape.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (no Drape.slnx above the binaries).");
    }

    public static string ModelsDir => Path.Combine(RepoRoot(), "models");

    public static string FixturePath(string relative) => Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    public static byte[] FixtureBytes(string relative) => File.ReadAllBytes(FixturePath(relative));

    public static SKBitmap LoadFixture(string relative)
    {
        using var decoded = SKBitmap.Decode(FixturePath(relative)) ?? throw new InvalidOperationException($"cannot decode {relative}");
        var bitmap = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.DrawBitmap(decoded, 0, 0);
        return bitmap;
    }
}
