using SkiaSharp;

namespace Drape.Server.Engines.Oip;

/// <summary>Images as tensors of the try-on contract: <c>UINT8 [1, H, W, 3]</c>, RGB, row-major (docs/engines/oip.md).</summary>
public static class OipImages
{
    public static OipTensor ToTensor(string name, SKBitmap image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var rgba = image.ColorType == SKColorType.Rgba8888 && image.AlphaType != SKAlphaType.Premul ? null : Convert(image);
        var pixels = (rgba ?? image).GetPixelSpan();
        var data = new byte[image.Width * image.Height * 3];
        for (int i = 0, t = 0; t < data.Length; i += 4, t += 3)
        {
            data[t] = pixels[i];
            data[t + 1] = pixels[i + 1];
            data[t + 2] = pixels[i + 2];
        }

        return OipTensor.Of(name, data, 1, image.Height, image.Width, 3);
    }

    /// <summary>An opaque RGBA bitmap from a <c>UINT8 [1, H, W, 3]</c> tensor; anything else is an <see cref="OipException"/> (400).</summary>
    public static SKBitmap ToBitmap(OipTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Data is not byte[] data || tensor.Shape is not [1, > 0 and <= 16384, > 0 and <= 16384, 3])
        {
            throw new OipException(400, $"'{tensor.Name}' must be UINT8 [1, H, W, 3] (RGB), not {tensor.Datatype} [{string.Join(',', tensor.Shape)}]");
        }

        var (height, width) = ((int)tensor.Shape[1], (int)tensor.Shape[2]);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0, t = 0; t < data.Length; i += 4, t += 3)
        {
            pixels[i] = data[t];
            pixels[i + 1] = data[t + 1];
            pixels[i + 2] = data[t + 2];
            pixels[i + 3] = 255;
        }

        return bitmap;
    }

    private static SKBitmap Convert(SKBitmap image)
    {
        var copy = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(copy);
        canvas.DrawBitmap(image, 0, 0);
        return copy;
    }
}
