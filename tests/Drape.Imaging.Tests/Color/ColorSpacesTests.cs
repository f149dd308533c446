using Drape.Imaging.Color;

namespace Drape.Imaging.Tests.Color;

public class ColorSpacesTests
{
    [Fact]
    public void Lab_conversion_matches_published_values()
    {
        var white = ColorSpaces.ToLab(255, 255, 255);
        Assert.Equal(100f, white.L, 1);
        var red = ColorSpaces.ToLab(255, 0, 0);
        Assert.Equal(53.24f, red.L, 1);
        Assert.Equal(80.09f, red.A, 0);
        Assert.Equal(67.20f, red.B, 0);
        Assert.Equal((255, 0, 0), ((int, int, int))ColorSpaces.ToSrgb(red));
    }
}
