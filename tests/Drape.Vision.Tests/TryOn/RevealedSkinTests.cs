using Drape.Imaging.Color;
using Drape.Imaging.Garments;
using Drape.Vision.TryOn;
using SkiaSharp;
using Xunit.Abstractions;

namespace Drape.Vision.Tests.TryOn;

/// <summary>What of the old garment the new one leaves uncovered gives way to the person's skin (<see cref="TryOnMasks"/>).</summary>
public class RevealedSkinTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_old_collar_above_a_lower_neckline_gives_way_to_skin()
    {
        await TryOnTestEngine.WithTrace("person/upper/woman-business.png", "garment/upper/tee-blue.png", GarmentCategory.Upper, trace =>
        {
            var result = trace.Result;
            // Between the shoulders, from below the face to the new tee's shoulder points, the jacket's collar (dark) was
            // there and the tee does not cover it: most of it must be gone.
            var body = trace.Body;
            var head = body.HeadCentre ?? throw new InvalidOperationException("no face");
            var top = (int)(head.Y + (1.45f * body.HeadRadius));
            var bottom = (int)Math.Min(trace.GarmentRightShoulder.Y, trace.GarmentLeftShoulder.Y);
            var (left, right) = ((int)body.RightShoulder.X, (int)body.LeftShoulder.X);
            int before = 0, after = 0;
            for (var y = top; y < bottom; y++)
            {
                for (var x = left; x < right; x++)
                {
                    before += Jacket(trace.Person.GetPixel(x, y)) ? 1 : 0;
                    after += Jacket(result.GetPixel(x, y)) ? 1 : 0;
                }
            }

            output.WriteLine($"jacket pixels between the chin and the shoulders: {before} before, {after} after");
            Assert.True(before > 500, $"{before}");
            Assert.True(after < 0.08 * before, $"{after} of {before} left");
        });
    }

    [Fact]
    public async Task Trouser_legs_below_shorts_give_way_to_shaded_skin()
    {
        await TryOnTestEngine.WithTrace("person/full/man-suit-studio.jpg", "garment/lower/shorts-green-render.png", GarmentCategory.Lower, trace =>
        {
            var result = trace.Result;
            // Along each shin (knee to ankle) the black trousers were there; after shorts the legs are skin, lit
            // like a rounded limb: lighter on the axis than at the sides.
            var body = trace.Body;
            int before = 0, after = 0;
            var (axis, sides) = (new List<float>(), new List<float>());
            foreach (var (knee, ankle) in new[] { (body.RightKnee, body.RightAnkle), (body.LeftKnee, body.LeftAnkle) })
            {
                var across = BodyFrame.Unit(new SKPoint(-(ankle.Y - knee.Y), ankle.X - knee.X));
                for (var t = 0.2f; t <= 0.8f; t += 0.05f)
                {
                    var p = knee + BodyFrame.Scale(ankle - knee, t);
                    before += Jacket(trace.Person.GetPixel((int)p.X, (int)p.Y)) ? 1 : 0;
                    after += Jacket(result.GetPixel((int)p.X, (int)p.Y)) ? 1 : 0;
                    axis.Add(Lightness(result, p));
                    var side = p + BodyFrame.Scale(across, 0.1f * body.ShoulderWidth);
                    sides.Add(Lightness(result, side));
                }
            }

            output.WriteLine($"dark trouser pixels on the shins: {before} before, {after} after; lightness axis {axis.Average():0.0}, side {sides.Average():0.0}");
            Assert.True(before >= 20, $"{before}");
            Assert.True(after <= 0.1 * before, $"{after} of {before} left");
            Assert.True(axis.Average() > sides.Average() + 2, "the filled leg is flat");
        });
    }

    [Fact]
    public async Task The_old_top_gives_way_below_a_shorter_new_one_and_on_the_shoulder_tops()
    {
        await TryOnTestEngine.WithTrace("person/full/man-polo-shorts.jpg", "garment/upper/tee-blue.png", GarmentCategory.Upper, trace =>
        {
            var result = trace.Result;
            // The old polo is pink: just below the tee's hem, and on the shoulder tops above the tee's shoulder points
            // (away from the head: the collar right under the chin is the face's own), little of it may remain.
            var body = trace.Body;
            var head = body.HeadCentre ?? throw new InvalidOperationException("no face");
            var hemY = (int)trace.Mesh.Map(trace.Landmarks.HemCentre).Y;
            var shoulderY = (int)Math.Min(trace.GarmentRightShoulder.Y, trace.GarmentLeftShoulder.Y);
            var (left, right) = ((int)trace.GarmentRightShoulder.X, (int)trace.GarmentLeftShoulder.X);
            var below = Count(trace.Person, result, left, right, hemY, hemY + (int)(0.15f * body.TorsoLength), (x, y, c) => Pink(c));
            var above = Count(trace.Person, result, left, right, shoulderY - (int)(0.15f * body.ShoulderWidth), shoulderY,
                (x, y, c) => MathF.Abs(x - head.X) > 1.4f * body.HeadRadius && Pink(c));
            output.WriteLine($"pink below the hem: {below.Before} → {below.After}; on the shoulder tops: {above.Before} → {above.After}");
            Assert.True(below.Before > 100 && below.After < 0.2 * below.Before, $"below the hem {below.After} of {below.Before}");
            Assert.True(above.Before > 50 && above.After < 0.2 * above.Before, $"on the shoulder tops {above.After} of {above.Before}");
        });
    }

    [Fact]
    public async Task Long_sleeves_follow_the_arms_to_the_wrists()
    {
        await TryOnTestEngine.WithTrace("person/full/man-polo-shorts.jpg", "garment/upper/longsleeve-red.png", GarmentCategory.Upper, trace =>
        {
            var body = trace.Body;
            Assert.NotNull(trace.Landmarks.RightSleeveEnd);
            Assert.NotNull(trace.Landmarks.LeftSleeveEnd);
            foreach (var (elbow, wrist) in new[] { (body.RightElbow, body.RightWrist), (body.LeftElbow, body.LeftWrist) })
            {
                var forearm = BodyFrame.Mid(elbow, wrist);
                Assert.True(trace.Layer.GetPixel((int)forearm.X, (int)forearm.Y).Alpha >= 128, $"the forearm at {forearm} is bare");
            }
        });
    }

    private static (int Before, int After) Count(SKBitmap before, SKBitmap after, int left, int right, int top, int bottom, Func<int, int, SKColor, bool> test)
    {
        var (b, a) = (0, 0);
        for (var y = Math.Max(0, top); y < Math.Min(before.Height, bottom); y++)
        {
            for (var x = Math.Max(0, left); x < Math.Min(before.Width, right); x++)
            {
                b += test(x, y, before.GetPixel(x, y)) ? 1 : 0;
                a += test(x, y, after.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return (b, a);
    }

    private static bool Pink(SKColor c)
    {
        var lab = ColorSpaces.ToLab(c.Red, c.Green, c.Blue);
        return lab.A > 45 && lab.L > 35;
    }

    private static float Lightness(SKBitmap image, SKPoint p)
    {
        var c = image.GetPixel(Math.Clamp((int)p.X, 0, image.Width - 1), Math.Clamp((int)p.Y, 0, image.Height - 1));
        return ColorSpaces.ToLab(c.Red, c.Green, c.Blue).L;
    }

    private static bool Jacket(SKColor c)
    {
        var lab = ColorSpaces.ToLab(c.Red, c.Green, c.Blue);
        return lab.L < 30 && MathF.Abs(lab.A) < 8 && lab.B < 2;
    }
}
