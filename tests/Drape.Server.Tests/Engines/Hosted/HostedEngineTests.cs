using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Server.Engines.Hosted;
using Drape.Server.Tests.Support;
using SkiaSharp;

namespace Drape.Server.Tests.Engines.Hosted;

/// <summary>Each hosted engine against its provider's documented contract: what is sent, polling, the result.</summary>
public sealed class HostedEngineTests
{
    public static TheoryData<string, GarmentCategory, string> CategoryMappings => new()
    {
        { "fal", GarmentCategory.Upper, "upper_body" },
        { "fal", GarmentCategory.Lower, "lower_body" },
        { "fal", GarmentCategory.Dress, "dresses" },
        { "replicate", GarmentCategory.Upper, "upper_body" },
        { "replicate", GarmentCategory.Lower, "lower_body" },
        { "replicate", GarmentCategory.Dress, "dresses" },
        { "fashn", GarmentCategory.Upper, "tops" },
        { "fashn", GarmentCategory.Lower, "bottoms" },
        { "fashn", GarmentCategory.Dress, "one-pieces" },
    };

    [Theory]
    [MemberData(nameof(CategoryMappings))]
    public async Task A_try_on_sends_data_uris_with_the_key_polls_and_returns_the_decoded_result(string engine, GarmentCategory category, string sent)
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var host = new HostedTestHost(fake);
        var progress = new ProgressRecorder();

        var output = await host.RunAsync(engine, category, progress);

        using var image = output.Image;
        Assert.Empty(fake.Problems);
        Assert.Equal((FakeProviders.ResultWidth, FakeProviders.ResultHeight), (image.Width, image.Height));
        Assert.Equal(new SKColor(200, 40, 90), image.GetPixel(10, 10));
        Assert.Equal(category, output.Category);
        Assert.Equal(host.Engine(engine).Model(), output.Model);

        var submit = Assert.Single(fake.Submits);
        Assert.Equal(sent, CategorySent(engine, submit));
        Assert.All(fake.Calls.Where(c => c.Provider == engine), c => Assert.Equal(ExpectedAuthorization(engine), c.Authorization));
        Assert.True(fake.Calls.Count(c => c.Kind == "status") >= 3, "polled through queued and running");

        // The result lives on another host: it is fetched without the key.
        var download = Assert.Single(fake.Calls, c => c.Kind == "download");
        Assert.Equal("", download.Authorization);

        Assert.Equal(100, progress.Values[^1]);
        Assert.True(progress.Values.Count >= 4);
        Assert.Equal(progress.Values.Order(), progress.Values);
    }

    [Fact]
    public async Task The_inputs_are_capped_at_the_configured_side()
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var host = new HostedTestHost(fake, new() { ["Drape:Engines:Fashn:MaxImageSide"] = "512" });

        (await host.RunAsync("fashn")).Image.Dispose();

        var inputs = Assert.Single(fake.Submits).Body!["inputs"]!;
        using var person = DecodeDataUri(inputs["model_image"]!.ToString());
        Assert.Equal((410, 512), (person.Width, person.Height));
    }

    [Fact]
    public async Task Fal_with_leffa_sends_garment_type_and_follows_the_queue_urls_without_the_sub_path()
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var host = new HostedTestHost(fake, new() { ["Drape:Engines:Fal:Model"] = "fal-ai/leffa/virtual-tryon" });

        var output = await host.RunAsync("fal", GarmentCategory.Dress);

        output.Image.Dispose();
        Assert.Empty(fake.Problems);
        Assert.Equal("fal-ai/leffa/virtual-tryon", output.Model);
        var submit = Assert.Single(fake.Submits);
        Assert.Equal("/fal-ai/leffa/virtual-tryon", submit.Path);
        Assert.Equal("dresses", submit.Body!["garment_type"]!.ToString());
        Assert.Null(submit.Body["category"]);
        Assert.All(fake.Calls.Where(c => c.Kind == "status"), c => Assert.StartsWith("/fal-ai/leffa/requests/", c.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auto_is_decided_by_drape_for_fal_and_replicate_and_left_to_fashn()
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var host = new HostedTestHost(fake);
        using var garment = SKBitmap.Decode(Fixtures.Bytes("garment/lower/trousers-green-render.png"));
        var expected = HostedImagesClassify(garment);

        var fal = await host.RunAsync("fal", category: null, garment: garment);
        var replicate = await host.RunAsync("replicate", category: null, garment: garment);
        var fashn = await host.RunAsync("fashn", category: null, garment: garment);

        fal.Image.Dispose();
        replicate.Image.Dispose();
        fashn.Image.Dispose();
        Assert.Equal([expected, expected, expected], [fal.Category, replicate.Category, fashn.Category]);
        var submits = fake.Submits.ToList();
        Assert.Equal(FalTryOnEngine.CategoryName(expected), CategorySent("fal", submits[0]));
        Assert.Equal(ReplicateTryOnEngine.CategoryName(expected), CategorySent("replicate", submits[1]));
        Assert.Equal("auto", CategorySent("fashn", submits[2]));
    }

    [Theory]
    [InlineData("fal")]
    [InlineData("replicate")]
    [InlineData("fashn")]
    public async Task The_seed_is_passed_on(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var host = new HostedTestHost(fake);

        (await host.RunAsync(engine)).Image.Dispose();

        var body = Assert.Single(fake.Submits).Body!;
        var seed = (body["input"] ?? body["inputs"] ?? body)["seed"]!.GetValue<int>();
        Assert.Equal(7, seed);
    }

    [Fact]
    public async Task A_status_poll_answered_503_is_retried_and_the_run_succeeds()
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.NextStatusFailures.Enqueue(503);
        fake.NextStatusFailures.Enqueue(500);
        await using var host = new HostedTestHost(fake);

        var output = await host.RunAsync("replicate");

        output.Image.Dispose();
        Assert.Equal(2, fake.Calls.Count(c => c.Kind == "status") - fake.PollsBeforeDone);
    }

    internal static string CategorySent(string engine, ProviderCall submit) => engine switch
    {
        "fal" => submit.Body!["category"]?.ToString() ?? submit.Body["garment_type"]!.ToString(),
        "replicate" => submit.Body!["input"]!["category"]!.ToString(),
        _ => submit.Body!["inputs"]!["category"]!.ToString(),
    };

    internal static string ExpectedAuthorization(string engine) => engine switch
    {
        "fal" => "Key " + FakeProviders.FalKey,
        "replicate" => "Bearer " + FakeProviders.ReplicateToken,
        _ => "Bearer " + FakeProviders.FashnKey,
    };

    private static GarmentCategory HostedImagesClassify(SKBitmap garment) => HostedImages.Classify(garment);

    private static SKBitmap DecodeDataUri(string uri) => SKBitmap.Decode(Convert.FromBase64String(uri[(uri.IndexOf(',', StringComparison.Ordinal) + 1)..]));
}

internal static class EngineModel
{
    public static string Model(this Drape.Vision.TryOn.ITryOnEngine engine) => ((HostedTryOnEngine)engine).Model;
}
