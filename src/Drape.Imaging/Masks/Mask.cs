using SkiaSharp;

namespace Drape.Imaging.Masks;

/// <summary>A single-channel coverage map, 0 (out) to 255 (in), row-major.</summary>
public sealed partial class Mask
{
    public Mask(int width, int height, byte[]? data = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Data = data ?? new byte[width * height];
        if (Data.Length != width * height)
        {
            throw new ArgumentException("Mask data does not match its size.", nameof(data));
        }
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Data { get; }

    public byte this[int x, int y]
    {
        get => Data[(y * Width) + x];
        set => Data[(y * Width) + x] = value;
    }

    public Mask Clone() => new(Width, Height, (byte[])Data.Clone());

    /// <summary>Pixels at or above <paramref name="level"/> become 255, the rest 0.</summary>
    public Mask Threshold(byte level = 128)
    {
        var data = Data;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = data[i] >= level ? (byte)255 : (byte)0;
        }

        return this;
    }

    /// <summary>Number of pixels at 128 or above.</summary>
    public int Area()
    {
        var count = 0;
        foreach (var value in Data)
        {
            if (value >= 128)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The tightest rectangle holding every non-zero pixel; empty when there is none.</summary>
    public SKRectI Bounds()
    {
        int minX = Width, minY = Height, maxX = -1, maxY = -1;
        for (var y = 0; y < Height; y++)
        {
            var row = Data.AsSpan(y * Width, Width);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            var last = row.LastIndexOfAnyExcept((byte)0);
            minX = Math.Min(minX, first);
            maxX = Math.Max(maxX, last);
            minY = Math.Min(minY, y);
            maxY = y;
        }

        return maxX < 0 ? SKRectI.Empty : new SKRectI(minX, minY, maxX + 1, maxY + 1);
    }

    public Mask Crop(SKRectI rect)
    {
        var cropped = new Mask(rect.Width, rect.Height);
        for (var y = 0; y < rect.Height; y++)
        {
            Data.AsSpan(((y + rect.Top) * Width) + rect.Left, rect.Width).CopyTo(cropped.Data.AsSpan(y * rect.Width, rect.Width));
        }

        return cropped;
    }

    /// <summary>The runs of "in" pixels (≥ 128) on one row, as [start, end) pairs.</summary>
    public List<(int Start, int End)> RowRuns(int y)
    {
        var runs = new List<(int, int)>();
        var row = Data.AsSpan(y * Width, Width);
        var x = 0;
        while (x < Width)
        {
            while (x < Width && row[x] < 128)
            {
                x++;
            }

            var start = x;
            while (x < Width && row[x] >= 128)
            {
                x++;
            }

            if (x > start)
            {
                runs.Add((start, x));
            }
        }

        return runs;
    }

    /// <summary>Resampled to another size (bilinear).</summary>
    public Mask Resize(int width, int height)
    {
        using var source = ToBitmap();
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Nearest));
        }

        return FromAlpha8(target);
    }

    public SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Alpha8, SKAlphaType.Premul));
        Data.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>The alpha channel of an Rgba8888 bitmap.</summary>
    public static Mask FromAlpha(SKBitmap rgba)
    {
        var mask = new Mask(rgba.Width, rgba.Height);
        var pixels = rgba.GetPixelSpan();
        for (var i = 0; i < mask.Data.Length; i++)
        {
            mask.Data[i] = pixels[(i * 4) + 3];
        }

        return mask;
    }

    /// <summary>Writes this mask into the alpha channel of an unpremultiplied Rgba8888 bitmap of the same size.</summary>
    public void ApplyAsAlpha(SKBitmap rgba)
    {
        var pixels = rgba.GetPixelSpan();
        for (var i = 0; i < Data.Length; i++)
        {
            pixels[(i * 4) + 3] = Data[i];
        }
    }

    private static Mask FromAlpha8(SKBitmap alpha8)
    {
        var mask = new Mask(alpha8.Width, alpha8.Height);
        var span = alpha8.GetPixelSpan();
        for (var y = 0; y < alpha8.Height; y++)
        {
            span.Slice(y * alpha8.RowBytes, alpha8.Width).CopyTo(mask.Data.AsSpan(y * alpha8.Width, alpha8.Width));
        }

        return mask;
    }

    /// <summary>A filled ellipse inside <paramref name="ellipse"/>, anti-aliased, its edge softened by <paramref name="featherPx"/>.</summary>
    public static Mask Ellipse(int width, int height, SKRect ellipse, float featherPx)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true, Color = SKColors.White })
        {
            canvas.Clear(SKColors.Transparent);
            if (featherPx > 0)
            {
                paint.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, featherPx / 2f);
            }

            canvas.DrawOval(ellipse, paint);
        }

        return FromAlpha8(bitmap);
    }
}
