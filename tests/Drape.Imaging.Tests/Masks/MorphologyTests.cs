using Drape.Imaging.Masks;

namespace Drape.Imaging.Tests.Masks;

/// <summary>
/// The fast mask operations (bounds-limited, row-walking, vectorised) against their plain definitions, on random
/// sparse and dense masks of odd sizes, blobs touching the border included.
/// </summary>
public sealed class MorphologyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dilate_erode_and_blur_match_their_definitions(int seed)
    {
        var random = new Random(seed);
        var mask = RandomMask(random);
        var radius = random.Next(1, seed % 3 == 0 ? 40 : 7);

        Assert.Equal(Extreme(mask, radius, max: true), mask.Clone().Dilate(radius).Data);
        Assert.Equal(Extreme(mask, radius, max: false), mask.Clone().Erode(radius).Data);
        Assert.Equal(Blur(mask, radius), mask.Clone().Blur(radius).Data);
    }

    [Fact]
    public void An_empty_mask_stays_empty_and_a_full_one_full()
    {
        Assert.All(new Mask(40, 30).Blur(3).Dilate(2).Erode(1).Data, v => Assert.Equal(0, v));
        var full = new Mask(40, 30);
        Array.Fill(full.Data, (byte)255);
        Assert.All(full.Blur(3).Erode(4).Dilate(2).Data, v => Assert.Equal(255, v));
    }

    private static Mask RandomMask(Random random)
    {
        var mask = new Mask(random.Next(5, 90), random.Next(5, 90));
        var blobs = random.Next(0, 6);
        for (var b = 0; b < blobs; b++)
        {
            int cx = random.Next(mask.Width), cy = random.Next(mask.Height), r = random.Next(1, 12);
            var value = (byte)random.Next(1, 256);
            for (var y = Math.Max(0, cy - r); y < Math.Min(mask.Height, cy + r); y++)
            {
                for (var x = Math.Max(0, cx - r); x < Math.Min(mask.Width, cx + r); x++)
                {
                    mask[x, y] = random.Next(4) == 0 ? (byte)random.Next(256) : value;
                }
            }
        }

        return mask;
    }

    private static byte[] Extreme(Mask mask, int radius, bool max)
    {
        byte At(Mask m, int x, int y) => m[Math.Clamp(x, 0, m.Width - 1), Math.Clamp(y, 0, m.Height - 1)];
        var rows = new Mask(mask.Width, mask.Height);
        var result = new Mask(mask.Width, mask.Height);
        for (var pass = 0; pass < 2; pass++)
        {
            var (from, to) = pass == 0 ? (mask, rows) : (rows, result);
            for (var y = 0; y < mask.Height; y++)
            {
                for (var x = 0; x < mask.Width; x++)
                {
                    var best = max ? 0 : 255;
                    for (var k = -radius; k <= radius; k++)
                    {
                        var v = pass == 0 ? At(from, x + k, y) : At(from, x, y + k);
                        best = max ? Math.Max(best, v) : Math.Min(best, v);
                    }

                    to[x, y] = (byte)best;
                }
            }
        }

        return result.Data;
    }

    private static byte[] Blur(Mask mask, int radius)
    {
        byte At(Mask m, int x, int y) => m[Math.Clamp(x, 0, m.Width - 1), Math.Clamp(y, 0, m.Height - 1)];
        var window = (2 * radius) + 1;
        var current = mask.Clone();
        for (var pass = 0; pass < 6; pass++)
        {
            var next = new Mask(mask.Width, mask.Height);
            for (var y = 0; y < mask.Height; y++)
            {
                for (var x = 0; x < mask.Width; x++)
                {
                    var sum = 0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        sum += pass % 2 == 0 ? At(current, x + k, y) : At(current, x, y + k);
                    }

                    next[x, y] = (byte)((sum + (window / 2)) / window);
                }
            }

            current = next;
        }

        return current.Data;
    }
}
