using SkiaSharp;

namespace Drape.Vision.Faces;

/// <summary>
/// Places a region of an image, aspect kept, centred in a square model input, and maps input-normalised points
/// back to original pixels exactly (the inverse of the placement).
/// </summary>
internal readonly record struct Letterbox(SKRect Region, int Size)
{
    private float Scale => Size / MathF.Max(Region.Width, Region.Height);

    private float PadX => (Size - (Region.Width * Scale)) / 2f;

    private float PadY => (Size - (Region.Height * Scale)) / 2f;

    /// <summary>The region drawn into a Size×Size RGBA bitmap (black padding).</summary>
    public SKBitmap Render(SKBitmap image)
    {
        var input = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(input);
        canvas.Clear(SKColors.Black);
        using var source = SKImage.FromBitmap(image);
        var target = SKRect.Create(PadX, PadY, Region.Width * Scale, Region.Height * Scale);
        canvas.DrawImage(source, Region, target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Nearest));
        return input;
    }

    /// <summary>A point in input-normalised coordinates (0..1 of the square) → original image pixels.</summary>
    public SKPoint ToImage(float u, float v) =>
        new(Region.Left + (((u * Size) - PadX) / Scale), Region.Top + (((v * Size) - PadY) / Scale));

    /// <summary>An original image point → input pixels (0..Size), the forward placement.</summary>
    public SKPoint FromImage(float x, float y) => new(((x - Region.Left) * Scale) + PadX, ((y - Region.Top) * Scale) + PadY);

    /// <summary>A length in input-normalised units → original pixels.</summary>
    public float ToImageLength(float length) => length * Size / Scale;

    /// <summary>NHWC int32 RGB 0..255 (MoveNet).</summary>
    public static void ToInt32Tensor(SKBitmap input, Span<int> tensor)
    {
        var pixels = input.GetPixelSpan();
        for (int i = 0, t = 0; i < pixels.Length; i += 4, t += 3)
        {
            tensor[t] = pixels[i];
            tensor[t + 1] = pixels[i + 1];
            tensor[t + 2] = pixels[i + 2];
        }
    }

    /// <summary>NHWC float32 RGB in [0, 1] (selfie segmentation, facemesh).</summary>
    public static void ToUnitTensor(SKBitmap input, Span<float> tensor)
    {
        var pixels = input.GetPixelSpan();
        for (int i = 0, t = 0; i < pixels.Length; i += 4, t += 3)
        {
            tensor[t] = pixels[i] / 255f;
            tensor[t + 1] = pixels[i + 1] / 255f;
            tensor[t + 2] = pixels[i + 2] / 255f;
        }
    }

    /// <summary>NHWC float32, RGB, normalised to [-1, 1] as BlazeFace expects.</summary>
    public static void ToTensor(SKBitmap input, Span<float> tensor)
    {
        var pixels = input.GetPixelSpan();
        for (int i = 0, t = 0; i < pixels.Length; i += 4, t += 3)
        {
            tensor[t] = (pixels[i] / 127.5f) - 1f;
            tensor[t + 1] = (pixels[i + 1] / 127.5f) - 1f;
            tensor[t + 2] = (pixels[i + 2] / 127.5f) - 1f;
        }
    }
}
