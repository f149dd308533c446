using Drape.Imaging.Color;
using Drape.Vision.Skin;

namespace Drape.Vision.Tests.Skin;

public class SkinToneClassifierTests
{
    [Theory]
    [InlineData(70, 15, 53.1301)] // atan(20/15)
    [InlineData(50, 15, 0)]
    [InlineData(40, 20, -26.5651)] // atan(-10/20)
    [InlineData(80, 10, 71.5651)] // atan(3)
    [InlineData(30, 10, -63.4349)] // atan(-2)
    [InlineData(65, 15, 45)]
    public void Ita_matches_the_textbook_formula(float l, float b, double expected) =>
        Assert.Equal(expected, SkinToneClassifier.Ita(new Lab(l, 10, b)), 3);

    [Theory]
    [InlineData(70, 0, 90)]
    [InlineData(30, 0, -90)]
    [InlineData(50, 0, 0)]
    [InlineData(70, -5, 90)] // bluish, not skin: stays light rather than flipping sign as atan would
    [InlineData(30, -5, -90)]
    public void Ita_is_safe_when_b_is_zero_or_negative(float l, float b, double expected) =>
        Assert.Equal(expected, SkinToneClassifier.Ita(new Lab(l, 10, b)), 6);

    [Theory]
    [InlineData(90, "very_light", "I")]
    [InlineData(55.01, "very_light", "I")]
    [InlineData(55, "light", "II")]
    [InlineData(41.01, "light", "II")]
    [InlineData(41, "intermediate", "III")]
    [InlineData(28.01, "intermediate", "III")]
    [InlineData(28, "tan", "IV")]
    [InlineData(10.01, "tan", "IV")]
    [InlineData(10, "brown", "V")]
    [InlineData(0, "brown", "V")]
    [InlineData(-29.99, "brown", "V")]
    [InlineData(-30, "dark", "VI")]
    [InlineData(-90, "dark", "VI")]
    public void Ita_bands_follow_chardon_and_map_to_fitzpatrick(double ita, string itaClass, string fitzpatrick)
    {
        Assert.Equal(itaClass, SkinToneClassifier.ItaClassOf(ita));
        Assert.Equal(fitzpatrick, SkinToneClassifier.FitzpatrickOf(ita));
    }

    [Theory]
    [InlineData(10, 10, 45, 14.1421)]
    [InlineData(3, 4, 53.1301, 5)]
    [InlineData(0, 20, 90, 20)]
    [InlineData(-10, 0, 180, 10)]
    [InlineData(10, -10, 315, 14.1421)]
    [InlineData(0, 0, 0, 0)]
    public void Hue_angle_and_chroma(float a, float b, double hue, double chroma)
    {
        var lab = new Lab(60, a, b);
        Assert.Equal(hue, SkinToneClassifier.HueAngle(lab), 3);
        Assert.Equal(chroma, SkinToneClassifier.Chroma(lab), 3);
    }

    [Theory]
    [InlineData(30, "cool")]
    [InlineData(49.99, "cool")]
    [InlineData(50, "neutral")]
    [InlineData(60, "neutral")]
    [InlineData(60.01, "warm")]
    [InlineData(75, "warm")]
    [InlineData(300, "cool")]
    public void Undertone_thresholds(double hue, string undertone) => Assert.Equal(undertone, SkinToneClassifier.UndertoneOf(hue));

    [Theory]
    [InlineData(75, 14, 11, "fair_cool")] // ITA 66.3, h 38.2
    [InlineData(75, 8, 16, "fair_warm")] // ITA 57.4, h 63.4
    [InlineData(66, 14, 12, "light_cool")] // ITA 53.1, h 40.6
    [InlineData(66, 8, 16, "light_warm")] // ITA 45.0, h 63.4
    [InlineData(60, 16, 15, "medium_cool")] // ITA 33.7, h 43.2
    [InlineData(60, 9, 17, "medium_warm")] // ITA 30.5, h 62.1, C 19.2
    [InlineData(58, 4, 14, "olive")] // ITA 29.7, h 74.1, C 14.6
    [InlineData(55, 10, 22, "tan_warm")] // ITA 12.8, h 65.6
    [InlineData(55, 15, 15, "tan_cool")] // ITA 18.4, h 45.0
    [InlineData(40, 8, 18, "deep_warm")] // ITA -29.1, h 66.0
    [InlineData(35, 14, 12, "deep_cool")] // ITA -51.3, h 40.6
    [InlineData(38, 10, 14, "deep_neutral")] // ITA -40.6, h 54.5
    public void Every_category_is_reached(float l, float a, float b, string category)
    {
        var tone = SkinToneClassifier.Classify(new Lab(l, a, b));
        Assert.Equal(category, tone.Category);
        Assert.Equal(1f, tone.Confidence);
        Assert.Matches("^#[0-9A-F]{6}$", tone.Hex);
    }

    [Theory]
    [InlineData("very_light", 52, 15, "fair_cool")] // neutral below the 55° split
    [InlineData("very_light", 58, 15, "fair_warm")]
    [InlineData("tan", 54.9, 15, "tan_cool")]
    [InlineData("tan", 55, 15, "tan_warm")]
    [InlineData("brown", 52, 15, "deep_neutral")]
    [InlineData("dark", 60, 15, "deep_neutral")]
    [InlineData("light", 75, 15, "light_warm")] // olive needs medium or tan depth
    [InlineData("brown", 75, 15, "deep_warm")]
    [InlineData("intermediate", 75, 20, "medium_warm")] // chroma at the limit: golden, not olive
    [InlineData("tan", 70, 10, "tan_warm")] // hue at the limit
    [InlineData("tan", 70.01, 10, "olive")]
    public void Neutral_and_olive_rules(string itaClass, double hue, double chroma, string category) =>
        Assert.Equal(category, SkinToneClassifier.CategoryOf(itaClass, hue, chroma));

    [Fact]
    public void A_sample_keeps_its_confidence()
    {
        var tone = SkinToneClassifier.Classify(new SkinSample(new Lab(60, 9, 17), "#B08E78", 500, 0.42f));
        Assert.Equal(0.42f, tone.Confidence);
        Assert.Equal("III", tone.Fitzpatrick);
        Assert.Equal("intermediate", tone.ItaClass);
        Assert.Equal("warm", tone.Undertone);
    }

    [Fact]
    public void Hex_is_the_srgb_of_the_lab()
    {
        var lab = ColorSpaces.ToLab(0xC6, 0x8C, 0x69);
        Assert.Equal("#C68C69", SkinToneClassifier.Classify(lab).Hex);
    }

    [Fact]
    public void Non_finite_input_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SkinToneClassifier.Classify(new Lab(float.NaN, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkinToneClassifier.Classify(new Lab(50, 0, 0), 1.5f));
        Assert.Throws<ArgumentException>(() => SkinToneClassifier.CategoryOf("beige", 50, 10));
    }
}
