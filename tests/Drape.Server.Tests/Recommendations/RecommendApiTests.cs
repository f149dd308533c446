using System.Net;
using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Catalog;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Drape.Server.Tests.Recommendations;

/// <summary>The whole endpoint over the real sample catalogue (generated and imported once for the class).</summary>
public sealed class RecommendApiTests(RecommendApiTests.Factory factory) : IClassFixture<RecommendApiTests.Factory>
{
    private const string Face = "person/face/woman-light-skin.jpg";
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory : DrapeFactory, IAsyncLifetime
    {
        public Factory()
            : base(services: s => s.AddSingleton<IProductSearch>(new SwitchableFailingSource()))
        {
        }

        public async Task InitializeAsync()
        {
            var csv = SampleCatalog.Write(Path.Combine(DataDir, "sample"), 36);
            await using var scope = Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(csv, default);
            Assert.Equal(36, report.Added);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>Stands in for a remote product source that is down (only when switched on).</summary>
    public sealed class SwitchableFailingSource : IProductSearch
    {
        public static bool Failing { get; set; }

        public string Name => "remote";

        public bool IsEnabled => Failing;

        public Task<IReadOnlyList<ProductHit>> SearchAsync(ProductQuery query, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }

    [Fact]
    public async Task Recommends_palette_keywords_ranked_catalogue_products_and_a_collage()
    {
        using var response = await _client.PostAsync("/api/v1/recommend", Form(Face, wardrobe: ["garment/upper/tee-white.png"], maxResults: 12));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var palette = body["palette"]!;
        Assert.False(string.IsNullOrEmpty((string?)palette["category"]));
        Assert.Contains((string?)palette["undertone"], new[] { "cool", "neutral", "warm" });
        Assert.True(palette["best"]!.AsArray().Count >= 8);

        var keywords = body["keywords"]!.AsArray().Select(k => (string)k!).ToList();
        Assert.InRange(keywords.Count, 8, 10);
        Assert.Equal(keywords.Count, keywords.Distinct().Count());
        Assert.DoesNotContain(keywords, k => k.EndsWith("t-shirt", StringComparison.Ordinal) && keywords.IndexOf(k) == 0); // the wardrobe already has a top

        var products = body["products"]!.AsArray();
        Assert.InRange(products.Count, 1, 12);
        var scores = products.Select(p => (double)p!["score"]!).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        var first = products[0]!;
        Assert.Equal("catalog", (string?)first["source"]);
        Assert.StartsWith("Sample ", (string?)first["title"], StringComparison.Ordinal);
        Assert.Contains((string?)first["matched_keyword"], keywords);
        Assert.Equal("USD", (string?)first["price"]!["currency"]);
        Assert.NotNull(first["score_parts"]!["colour"]);
        Assert.Equal(products.Count, products.Select(p => (string?)p!["id"]).Distinct().Count());

        Assert.False((bool)body["degraded"]!);
        Assert.Equal("builtin", (string?)body["sources"]!["keywords"]);
        Assert.Equal("ok", (string?)body["sources"]!["catalog"]);

        using var collage = await _client.GetAsync(new Uri((string)body["collage_url"]!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, collage.StatusCode);
        using var image = SKBitmap.Decode(await collage.Content.ReadAsByteArrayAsync());
        Assert.True(image.Width <= 1024 && image.Height <= 1024);

        using var product = await _client.GetAsync(new Uri((string)first["image_url"]!).PathAndQuery);
        Assert.Null(first["image_key"]);
        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        Assert.Equal("image/webp", product.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_repeated_request_is_answered_from_the_cache()
    {
        var first = await (await _client.PostAsync("/api/v1/recommend", Form(Face, maxResults: 5))).ReadObjectAsync();
        var second = await (await _client.PostAsync("/api/v1/recommend", Form(Face, maxResults: 5))).ReadObjectAsync();
        Assert.Equal(first["products"]!.ToJsonString(), second["products"]!.ToJsonString());

        // The cached answer points at the same stored collage (a recomputed one would be a new blob).
        Assert.Equal(new Uri((string)first["collage_url"]!).AbsolutePath, new Uri((string)second["collage_url"]!).AbsolutePath);
    }

    [Fact]
    public async Task A_failing_source_degrades_the_answer_instead_of_failing_it()
    {
        SwitchableFailingSource.Failing = true;
        try
        {
            using var response = await _client.PostAsync("/api/v1/recommend", Form(Face, maxResults: 7, profile: """{"occasion":"work"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadObjectAsync();
            Assert.True((bool)body["degraded"]!);
            Assert.Equal("failed", (string?)body["sources"]!["remote"]);
            Assert.Equal("ok", (string?)body["sources"]!["catalog"]);
            Assert.NotEmpty(body["products"]!.AsArray());
        }
        finally
        {
            SwitchableFailingSource.Failing = false;
        }
    }

    [Fact]
    public async Task A_budget_and_style_shape_the_answer()
    {
        var body = await (await _client.PostAsync("/api/v1/recommend",
            Form(Face, maxResults: 10, profile: """{"gender":"women","style":"business","occasion":"work","budget":{"min":20,"max":60,"currency":"USD"}}"""))).ReadObjectAsync();
        var keywords = body["keywords"]!.AsArray().Select(k => (string)k!).ToList();
        Assert.Contains(keywords, k => k.EndsWith("blazer", StringComparison.Ordinal) || k.EndsWith("trousers", StringComparison.Ordinal));
        var prices = body["products"]!.AsArray().Select(p => (double)p!["price"]!["value"]!).ToList();
        Assert.NotEmpty(prices);
        Assert.All(prices, p => Assert.InRange(p, 20, 60)); // the catalogue filters by budget in SQL
    }

    [Fact]
    public async Task Bad_input_is_one_422_naming_each_field()
    {
        using var response = await _client.PostAsync("/api/v1/recommend", Form(Face, maxResults: 99, profile: """{"style":"gothic","colour":"red","budget":{"min":90,"max":10}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.ReadObjectAsync();
        Assert.Equal("VAL_2001", (string?)error["error_code"]);
        var fields = error["details"]!["fields"]!.AsArray().Select(f => (string)f!["field"]!).ToList();
        Assert.Contains("max_results", fields);
        Assert.Contains(fields, f => f.StartsWith("profile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_face_is_422_ml_4004()
    {
        using var response = await _client.PostAsync("/api/v1/recommend", Form("person/none/building-lawn.jpg", maxResults: 5));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("ML_4004", (string?)(await response.ReadObjectAsync())["error_code"]);
    }

    [Fact]
    public async Task Palettes_are_served_by_category()
    {
        var palette = await _client.GetObjectAsync("/api/v1/palettes/deep_warm");
        Assert.Equal("deep_warm", (string?)palette["category"]);
        Assert.True(palette["best"]!.AsArray().Count >= 8);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", (string?)palette["best"]![0]!["hex"]);
        using var missing = await _client.GetAsync("/api/v1/palettes/purple_polka");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("RES_6001", (string?)(await missing.ReadObjectAsync())["error_code"]);
    }

    private static MultipartFormDataContent Form(string photo, string[]? wardrobe = null, int maxResults = 20, string? profile = null)
    {
        var form = new MultipartFormDataContent
        {
            { Fixtures.File(Fixtures.Bytes(photo), Fixtures.TypeOf(photo)), "user_photo", Path.GetFileName(photo) },
            { new StringContent(maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), "max_results" },
        };
        foreach (var item in wardrobe ?? [])
        {
            form.Add(Fixtures.File(Fixtures.Bytes(item), Fixtures.TypeOf(item)), "wardrobe_images", Path.GetFileName(item));
        }

        if (profile is not null)
        {
            form.Add(new StringContent(profile), "profile");
        }

        return form;
    }
}
