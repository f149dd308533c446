using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Vision.Body;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Vision.Tests.TryOn;

public class BuiltinTryOnEngineTests
{
    private static readonly BuiltinTryOnEngine Engine = new(TestModels.FaceDetector, new BuiltinTryOnOptions());

    public static TheoryData<string, string, GarmentCategory?> Pairs => new()
    {
        { "person/upper/woman-business.png", "garment/upper/tee-blue.png", GarmentCategory.Upper },
        { "person/full/man-suit-studio.jpg", "garment/upper/polo-navy.png", null },
        { "person/full/man-polo-shorts.jpg", "garment/lower/trousers-green-render.png", GarmentCategory.Lower },
        { "person/full/woman-yoga-tree.jpg", "garment/dress/dress-pink-render.png", GarmentCategory.Dress },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Puts_the_garment_on_the_person(string personFixture, string garmentFixture, GarmentCategory? category)
    {
        using var person = TestModels.Load(personFixture);
        using var garment = TestModels.Load(garmentFixture);
        var output = await Engine.RunAsync(new TryOnInput(person, garment, category, 42), null, default);
        using var image = output.Image;
        if (Environment.GetEnvironmentVariable("DRAPE_TEST_OUTPUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, Path.GetFileNameWithoutExtension(personFixture) + "+" + Path.GetFileName(garmentFixture)), Drape.Imaging.Decoding.ImageEncoding.EncodePng(image));
        }

        Assert.True(image.Width <= 768 && image.Height <= 1024);
        Assert.Equal(person.Width / (float)person.Height, image.Width / (float)image.Height, 2);
        if (category is not null)
        {
            Assert.Equal(category, output.Category);
        }

        // The face stays as it was and the garment area changed.
        using var scaled = Drape.Imaging.Processing.ImageResize.FitWithin(person, 768, 1024);
        var face = TestModels.FaceDetector.Detect(scaled)[0];
        var body = BodyGeometry.FromFace(face, scaled.Width, scaled.Height);
        var eyes = face.Nose;
        Assert.Equal(scaled.GetPixel((int)eyes.X, (int)eyes.Y), image.GetPixel((int)eyes.X, (int)eyes.Y));
        var chest = output.Category == GarmentCategory.Lower
            ? new SKPoint((body.RightHip.X + body.LeftHip.X) / 2, (body.RightHip.Y + body.LeftHip.Y) / 2)
            : new SKPoint((body.RightShoulder.X + body.LeftShoulder.X) / 2, body.RightShoulder.Y + (body.FaceHeight * 1.2f));
        var changed = 0;
        for (var dy = -10; dy <= 10; dy += 5)
        {
            for (var dx = -10; dx <= 10; dx += 5)
            {
                int x = Math.Clamp((int)chest.X + dx, 0, image.Width - 1), y = Math.Clamp((int)chest.Y + dy, 0, image.Height - 1);
                if (scaled.GetPixel(x, y) != image.GetPixel(x, y))
                {
                    changed++;
                }
            }
        }

        Assert.True(changed >= 20, $"only {changed}/25 pixels changed at {chest}");
    }

    [Fact]
    public async Task Is_deterministic()
    {
        using var person = TestModels.Load("person/upper/woman-business.png");
        using var garment = TestModels.Load("garment/upper/hoodie-black.png");
        using var first = (await Engine.RunAsync(new TryOnInput(person, garment, null, 7), null, default)).Image;
        using var second = (await Engine.RunAsync(new TryOnInput(person, garment, null, 7), null, default)).Image;
        Assert.True(first.GetPixelSpan().SequenceEqual(second.GetPixelSpan()));
    }

    [Fact]
    public async Task A_photo_without_a_person_is_ML_4004()
    {
        using var person = TestModels.Load("person/none/building-lawn.jpg");
        using var garment = TestModels.Load("garment/upper/tee-blue.png");
        var error = await Assert.ThrowsAsync<DrapeException>(() => Engine.RunAsync(new TryOnInput(person, garment, null, 1), null, default));
        Assert.Equal(ErrorCodes.BadInput, error.ErrorCode);
        Assert.Contains("person", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_progress_and_honours_cancellation()
    {
        using var person = TestModels.Load("person/upper/woman-business.png");
        using var garment = TestModels.Load("garment/upper/tee-blue.png");
        var reported = new List<int>();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            reported.Add(p);
            if (p >= 30)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.RunAsync(new TryOnInput(person, garment, null, 1), progress, cancel.Token));
        Assert.Equal([10, 30], reported);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
