using Drape.Imaging.Masks;
using SkiaSharp;

namespace Drape.Imaging.Tests.Masks;

public class MaskTests
{
    private static Mask FromRows(params string[] rows)
    {
        var mask = new Mask(rows[0].Length, rows.Length);
        for (var y = 0; y < rows.Length; y++)
        {
            for (var x = 0; x < rows[y].Length; x++)
            {
                mask[x, y] = rows[y][x] == '#' ? (byte)255 : (byte)0;
            }
        }

        return mask;
    }

    private static string[] Rows(Mask mask) =>
        Enumerable.Range(0, mask.Height).Select(y => new string(Enumerable.Range(0, mask.Width).Select(x => mask[x, y] >= 128 ? '#' : '.').ToArray())).ToArray();

    [Fact]
    public void Largest_component_keeps_only_the_biggest_8_connected_region()
    {
        var mask = FromRows("##....", "##...#", "..#...", "......", "....##");
        Assert.Equal(["##....", "##....", "..#...", "......", "......"], Rows(mask.LargestComponent()));
    }

    [Fact]
    public void Fill_holes_fills_enclosed_background_only()
    {
        var mask = FromRows("#####.", "#...#.", "#####.", "......");
        Assert.Equal(["#####.", "#####.", "#####.", "......"], Rows(mask.FillHoles()));
    }

    [Fact]
    public void Close_bridges_a_one_pixel_gap_and_open_removes_a_speck()
    {
        Assert.Equal(["###.###"], Rows(FromRows("###.###")));
        Assert.Equal(["#######", "#######", "#######"], Rows(FromRows("###.###", "###.###", "###.###").Close(1)));
        Assert.Equal([".......", ".......", "......."], Rows(FromRows(".......", "...#...", ".......").Open(1)));
    }

    [Fact]
    public void Bounds_area_and_runs()
    {
        var mask = FromRows("......", ".##.#.", "......");
        Assert.Equal(new SKRectI(1, 1, 5, 2), mask.Bounds());
        Assert.Equal(3, mask.Area());
        Assert.Equal([(1, 3), (4, 5)], mask.RowRuns(1));
        Assert.True(new Mask(4, 4).Bounds().IsEmpty);
    }

    [Fact]
    public void Blur_softens_an_edge_symmetrically()
    {
        var mask = FromRows("....####....");
        mask.Blur(1);
        Assert.True(mask[3, 0] is > 0 and < 255);
        Assert.Equal(mask[3, 0], mask[8, 0]);
        Assert.Equal(0, mask[0, 0]);
    }

    [Fact]
    public void An_ellipse_is_filled_inside_and_empty_outside()
    {
        var mask = Mask.Ellipse(100, 100, new SKRect(20, 30, 80, 70), featherPx: 0);
        Assert.Equal(255, mask[50, 50]);
        Assert.Equal(0, mask[5, 5]);
        Assert.Equal(0, mask[50, 20]);
    }
}
