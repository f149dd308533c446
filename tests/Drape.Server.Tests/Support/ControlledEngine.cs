using Drape.Imaging.Garments;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Server.Tests.Support;

/// <summary>
/// A try-on engine whose timing and failures the test decides, for testing the job machinery (cancel at a
/// checkpoint, time limit, retries). The engine itself is tested on real photos elsewhere.
/// </summary>
internal sealed class ControlledEngine(Func<CancellationToken, Task> behaviour) : ITryOnEngine
{
    public string Name => "controlled";

    public int Runs { get; private set; }

    public async Task<TryOnOutput> RunAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        Runs++;
        progress?.Report(10);
        await behaviour(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var image = new SKBitmap(new SKImageInfo(8, 8, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        image.Erase(SKColors.Gray);
        return new TryOnOutput(image, input.Category ?? GarmentCategory.Upper, "controlled");
    }

    /// <summary>Waits at a checkpoint until canceled.</summary>
    public static Task Hang(CancellationToken token) => Task.Delay(Timeout.Infinite, token);
}
