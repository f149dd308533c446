using Drape.Imaging.Color;
using Drape.Vision.Skin;

namespace Drape.Vision.Tests.Skin;

/// <summary>Totality and monotonicity over the whole CIELAB box (a dense grid plus seeded random points).</summary>
public class SkinToneClassifierPropertyTests
{
    private static IEnumerable<Lab> LabSpace()
    {
        for (var l = 0f; l <= 100f; l += 2.5f)
        {
            for (var a = -128f; a <= 127f; a += 5f)
            {
                for (var b = -128f; b <= 127f; b += 5f)
                {
                    yield return new Lab(l, a, b);
                }
            }
        }

        var random = new Random(20240611);
        for (var i = 0; i < 20_000; i++)
        {
            yield return new Lab(random.NextSingle() * 100f, (random.NextSingle() * 255f) - 128f, (random.NextSingle() * 255f) - 128f);
        }

        yield return new Lab(50, 0, 0);
        yield return new Lab(50, 0, -0f);
        yield return new Lab(0, 0, 0);
        yield return new Lab(100, 0, 0);
    }

    private static int Rank(string itaClass) => ItaClasses.All.ToList().IndexOf(itaClass);

    [Fact]
    public void Every_lab_gets_one_of_the_twelve_categories_and_a_valid_class()
    {
        string[] fitzpatrick = ["I", "II", "III", "IV", "V", "VI"];
        foreach (var lab in LabSpace())
        {
            var tone = SkinToneClassifier.Classify(lab);
            Assert.Contains(tone.Category, SkinCategories.All);
            Assert.Contains(tone.ItaClass, ItaClasses.All);
            Assert.Contains(tone.Undertone, Undertones.All);
            Assert.Contains(tone.Fitzpatrick, fitzpatrick);
            Assert.InRange(tone.ItaDegrees, -90, 90);
            Assert.InRange(tone.HueAngle, 0, 359.999999);
            Assert.True(tone.Chroma >= 0);
            Assert.Equal(Rank(tone.ItaClass), Array.IndexOf(fitzpatrick, tone.Fitzpatrick));
        }
    }

    [Fact]
    public void Lighter_skin_never_gets_a_darker_ita_class()
    {
        for (var b = 1f; b <= 40f; b += 1f)
        {
            var previous = int.MaxValue;
            for (var l = 0f; l <= 100f; l += 0.5f)
            {
                var rank = Rank(SkinToneClassifier.Classify(new Lab(l, 10, b)).ItaClass);
                Assert.True(rank <= previous, $"L*={l}, b*={b}");
                previous = rank;
            }
        }
    }
}
