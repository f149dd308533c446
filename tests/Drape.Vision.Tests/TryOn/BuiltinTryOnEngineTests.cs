using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Imaging.Processing;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Vision.Tests.TryOn;

public class BuiltinTryOnEngineTests
{
    private static BuiltinTryOnEngine Engine => TryOnTestEngine.Engine;

    public static TheoryData<string, string, GarmentCategory?> Pairs => new()
    {
        { "person/upper/woman-business.png", "garment/upper/tee-blue.png", GarmentCategory.Upper },
        { "person/full/man-suit-studio.jpg", "garment/upper/polo-navy.png", null },
        { "person/full/man-polo-shorts.jpg", "garment/upper/hoodie-black.png", GarmentCategory.Upper },
        { "person/full/man-polo-shorts.jpg", "garment/lower/trousers-green-render.png", GarmentCategory.Lower },
        { "person/full/man-suit-studio.jpg", "garment/lower/shorts-green-render.png", GarmentCategory.Lower },
        { "person/full/woman-yoga-tree.jpg", "garment/dress/dress-pink-render.png", GarmentCategory.Dress },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Puts_the_garment_on_the_body(string personFixture, string garmentFixture, GarmentCategory? category)
    {
        using var person = TestModels.Load(personFixture);
        using var garment = TestModels.Load(garmentFixture);
        var trace = await Engine.RunTracedAsync(new TryOnInput(person, garment, category, 42), null, default);
        using var image = trace.Result;
        try
        {
            if (Environment.GetEnvironmentVariable("DRAPE_TEST_OUTPUT") is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                using var sheet = SideBySide.Compose(512, trace.Person, garment, image);
                File.WriteAllBytes(Path.Combine(folder, Path.GetFileNameWithoutExtension(personFixture) + "+" + Path.GetFileName(garmentFixture)), ImageEncoding.EncodePng(sheet));
            }

            Assert.True(image.Width <= 768 && image.Height <= 1024);
            Assert.Equal(person.Width / (float)person.Height, image.Width / (float)image.Height, 2);
            Assert.Equal(category ?? GarmentShape.Classify(trace.Cutout.Mask), trace.Category);
            Assert.Equal(GarmentPhotoType.FlatLay, trace.PhotoType);

            // The garment covers the body where its category says: the chest (upper, dress) or between the hips and knees (lower).
            var body = trace.Body;
            var probe = trace.Category == GarmentCategory.Lower
                ? Mid(body.HipCentre, Mid(body.RightKnee, body.LeftKnee))
                : body.ShoulderCentre + new SKPoint(0, 0.45f * body.TorsoLength);
            var changed = 0;
            for (var dy = -10; dy <= 10; dy += 5)
            {
                for (var dx = -10; dx <= 10; dx += 5)
                {
                    int x = Math.Clamp((int)probe.X + dx, 0, image.Width - 1), y = Math.Clamp((int)probe.Y + dy, 0, image.Height - 1);
                    changed += trace.Person.GetPixel(x, y) != image.GetPixel(x, y) ? 1 : 0;
                }
            }

            Assert.True(changed >= 20, $"only {changed}/25 pixels changed at {probe}");
        }
        finally
        {
            trace.DisposeIntermediates();
        }
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

    private static SKPoint Mid(SKPoint a, SKPoint b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
