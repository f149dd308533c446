using Drape.Imaging.Garments;
using Drape.Imaging.Processing;

namespace Drape.Imaging.Tests.Garments;

/// <summary><see cref="GarmentLandmarks"/> on the garment fixtures, at the engine's working size.</summary>
public class GarmentLandmarksTests
{
    public static TheoryData<string> Tops =>
    [
        "garment/upper/hoodie-black.png", "garment/upper/longsleeve-red.png", "garment/upper/polo-navy.png",
        "garment/upper/tee-blue.png", "garment/upper/tee-white.png", "garment/upper/tee-women-black.png",
    ];

    [Theory]
    [MemberData(nameof(Tops))]
    public void A_top_has_shoulders_above_armpits_and_sleeves_outside_the_torso_on_both_sides_alike(string fixture)
    {
        var (g, width, height) = Find(fixture, GarmentCategory.Upper);
        Assert.True(g.RightShoulder.Y < g.RightArmpit.Y && g.LeftShoulder.Y < g.LeftArmpit.Y);
        Assert.True(g.RightShoulder.X < g.NeckCentre.X && g.NeckCentre.X < g.LeftShoulder.X);
        Assert.True(g.HemCentre.Y > g.WaistCentre.Y && g.WaistCentre.Y > g.RightArmpit.Y);
        var (right, left) = (g.RightSleeveEnd ?? throw new InvalidOperationException("no right sleeve"), g.LeftSleeveEnd ?? throw new InvalidOperationException("no left sleeve"));
        Assert.True(right.X < g.RightArmpit.X && left.X > g.LeftArmpit.X, $"sleeve ends {right} {left} inside the torso");

        // The fixtures are laid out symmetrically: a hem flaring past the torso on one side is not a sleeve (polo).
        Assert.True(MathF.Abs(right.Y - left.Y) < 0.1f * height, $"sleeve ends at {right.Y} and {left.Y}");
        var centre = (g.RightShoulder.X + g.LeftShoulder.X) / 2f;
        Assert.True(MathF.Abs((centre - right.X) - (left.X - centre)) < 0.1f * width, $"sleeve ends {right} {left} about {centre}");
    }

    [Theory]
    [InlineData("garment/lower/trousers-green-render.png", true)]
    [InlineData("garment/lower/shorts-green-render.png", true)]
    [InlineData("garment/lower/skirt-blue-render.png", false)]
    public void Trousers_and_shorts_have_a_crotch_and_two_leg_openings_a_skirt_none(string fixture, bool legs)
    {
        var (g, _, height) = Find(fixture, GarmentCategory.Lower);
        Assert.True(g.RightWaist.Y < 0.1f * height && g.LeftWaist.X > g.RightWaist.X);
        Assert.Equal(legs, g.Crotch is not null);
        Assert.True(g.HemCentre.Y > 0.8f * height, $"hem at {g.HemCentre}");
        Assert.True(legs || g.LeftHem.X - g.RightHem.X > g.LeftWaist.X - g.RightWaist.X, "a skirt's hem is wider than its waistband");
        if (legs)
        {
            Assert.True(g.RightLegOpening!.Value.X < g.Crotch!.Value.X && g.Crotch.Value.X < g.LeftLegOpening!.Value.X);
            Assert.True(g.RightLegOpening.Value.Y > g.Crotch.Value.Y && g.LeftLegOpening.Value.Y > g.Crotch.Value.Y);
        }
    }

    private static (GarmentLandmarks Landmarks, int Width, int Height) Find(string fixture, GarmentCategory category)
    {
        using var photo = Fixtures.Load(fixture);
        using var working = ImageResize.FitWithin(photo, 768, 768);
        using var cutout = GarmentMasker.Extract(working);
        return (GarmentLandmarks.Find(cutout.Mask, category), cutout.Mask.Width, cutout.Mask.Height);
    }
}
