namespace Drape.Imaging.Masks;

/// <summary>Erosion, dilation, opening, closing and box blur, each separable and linear in the pixel count.</summary>
public sealed partial class Mask
{
    public Mask Dilate(int radius) => radius <= 0 ? this : SlidingExtreme(radius, max: true);

    public Mask Erode(int radius) => radius <= 0 ? this : SlidingExtreme(radius, max: false);

    /// <summary>Removes specks smaller than the radius.</summary>
    public Mask Open(int radius) => Erode(radius).Dilate(radius);

    /// <summary>Fills gaps and notches smaller than the radius.</summary>
    public Mask Close(int radius) => Dilate(radius).Erode(radius);

    /// <summary>Three box-blur passes (close to a Gaussian of σ ≈ radius) for soft edges.</summary>
    public Mask Blur(int radius)
    {
        if (radius <= 0)
        {
            return this;
        }

        var buffer = new byte[Data.Length];
        for (var pass = 0; pass < 3; pass++)
        {
            BoxPass(Data, buffer, Width, Height, radius, horizontal: true);
            BoxPass(buffer, Data, Width, Height, radius, horizontal: false);
        }

        return this;
    }

    private Mask SlidingExtreme(int radius, bool max)
    {
        // Square structuring element: a 1-D pass along rows then columns. Each pass scans a window per pixel;
        // radii here are small (≤ 8 at the ≤ 512 px working size), so this stays cheap.
        var temp = new byte[Data.Length];
        ExtremePass(Data, temp, Width, Height, radius, max, horizontal: true);
        ExtremePass(temp, Data, Width, Height, radius, max, horizontal: false);
        return this;
    }

    private static void ExtremePass(byte[] source, byte[] target, int width, int height, int radius, bool max, bool horizontal)
    {
        var (lines, length) = horizontal ? (height, width) : (width, height);
        for (var line = 0; line < lines; line++)
        {
            for (var i = 0; i < length; i++)
            {
                var best = max ? (byte)0 : (byte)255;
                var from = Math.Max(0, i - radius);
                var to = Math.Min(length - 1, i + radius);
                for (var j = from; j <= to; j++)
                {
                    var value = source[horizontal ? (line * width) + j : (j * width) + line];
                    best = max ? Math.Max(best, value) : Math.Min(best, value);
                }

                target[horizontal ? (line * width) + i : (i * width) + line] = best;
            }
        }
    }

    private static void BoxPass(byte[] source, byte[] target, int width, int height, int radius, bool horizontal)
    {
        var (lines, length) = horizontal ? (height, width) : (width, height);
        var window = (2 * radius) + 1;
        for (var line = 0; line < lines; line++)
        {
            int Index(int i) => horizontal ? (line * width) + Math.Clamp(i, 0, length - 1) : (Math.Clamp(i, 0, length - 1) * width) + line;
            var sum = 0;
            for (var j = -radius; j <= radius; j++)
            {
                sum += source[Index(j)];
            }

            for (var i = 0; i < length; i++)
            {
                target[Index(i)] = (byte)((sum + (window / 2)) / window);
                sum += source[Index(i + radius + 1)] - source[Index(i - radius)];
            }
        }
    }
}
