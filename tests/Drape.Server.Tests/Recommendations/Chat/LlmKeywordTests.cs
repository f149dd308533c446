using System.Net;
using Drape.Server.Features.Recommendations.Keywords;
using Drape.Server.Features.Recommendations.Keywords.Chat;
using Drape.Server.Tests.Support;
using Drape.Vision.Skin;
using Microsoft.Extensions.DependencyInjection;

namespace Drape.Server.Tests.Recommendations.Chat;

/// <summary>The LLM keyword path against an OpenAI-compatible fake: the request it sends, the answers it accepts, the fallback.</summary>
public sealed class LlmKeywordTests : IAsyncLifetime
{
    private FakeOpenAi _llm = null!;
    private DrapeFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAi.StartAsync();
        _factory = new DrapeFactory(new Dictionary<string, string?>
        {
            ["Drape:Llm:BaseUrl"] = _llm.BaseUrl,
            ["Drape:Llm:Model"] = "vision-test",
            ["Drape:Llm:ApiKey"] = "sk-test",
            ["Drape:Llm:BreakerFailures"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private LlmKeywordSource Source => _factory.Services.GetServices<IKeywordSource>().OfType<LlmKeywordSource>().Single();

    private static KeywordRequest Request() =>
        new(SeasonalPalettes.For("light_warm"), new RecommendProfile("women", "classic", null, null, "work"), ["upper"], [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

    [Fact]
    public async Task Sends_the_collage_the_palette_and_a_json_schema_and_cleans_the_answer()
    {
        Assert.True(Source.IsEnabled);
        var keywords = await Source.SuggestAsync(Request(), default);
        Assert.Equal(["emerald wrap dress", "camel trench coat", "ivory silk blouse", "sapphire blazer", "coral midi skirt", "olive chinos", "navy knit sweater", "peach cardigan"], keywords);

        var sent = Assert.Single(_llm.Requests);
        Assert.Equal("vision-test", (string?)sent["model"]);
        Assert.Equal("json_schema", (string?)sent["response_format"]!["type"]);
        var user = sent["messages"]!.AsArray().Single(m => (string?)m!["role"] == "user")!;
        var parts = user["content"]!.AsArray();
        var text = (string)parts.Single(p => (string?)p!["type"] == "text")!["text"]!;
        Assert.Contains(SeasonalPalettes.For("light_warm").Best[0].Name, text, StringComparison.Ordinal);
        Assert.Contains("occasion: work", text, StringComparison.Ordinal);
        var image = (string)parts.Single(p => (string?)p!["type"] == "image_url")!["image_url"]!["url"]!;
        Assert.StartsWith("data:image/png;base64,", image, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"words":["a","b"]}""")]
    [InlineData("""{"keywords":["red dress","blue shirt","green coat"]}""")]
    public async Task Unusable_answers_are_a_keyword_source_failure(string answer)
    {
        _llm.Content = answer;
        await Assert.ThrowsAsync<KeywordSourceException>(() => Source.SuggestAsync(Request(), default));
    }

    [Fact]
    public async Task A_failing_endpoint_is_a_failure_and_the_breaker_then_stops_calling_it()
    {
        _llm.FailWith = 500;
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<KeywordSourceException>(() => Source.SuggestAsync(Request(), default));
        }

        var calls = _llm.Requests.Count;
        await Assert.ThrowsAsync<KeywordSourceException>(() => Source.SuggestAsync(Request(), default));
        Assert.Equal(calls, _llm.Requests.Count); // open: no call went out
    }

    [Fact]
    public async Task The_endpoint_uses_the_llm_and_falls_back_to_the_built_in_engine_when_it_fails()
    {
        using var client = _factory.CreateClient();
        using var good = await client.PostAsync("/api/v1/recommend", Form());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var body = await good.ReadObjectAsync();
        Assert.Equal("llm", (string?)body["sources"]!["keywords"]);
        Assert.Equal("emerald wrap dress", (string?)body["keywords"]![0]);
        Assert.False((bool)body["degraded"]!);

        _llm.Content = "{oops";
        using var form = Form(maxResults: 9); // another cache key
        using var fallback = await client.PostAsync("/api/v1/recommend", form);
        var degraded = await fallback.ReadObjectAsync();
        Assert.Equal("builtin (llm failed)", (string?)degraded["sources"]!["keywords"]);
        Assert.True((bool)degraded["degraded"]!);
        Assert.InRange(degraded["keywords"]!.AsArray().Count, 8, 10);
    }

    [Fact]
    public void Without_a_base_url_and_model_the_source_is_off()
    {
        using var plain = new DrapeFactory();
        Assert.False(plain.Services.GetServices<IKeywordSource>().OfType<LlmKeywordSource>().Single().IsEnabled);
    }

    private static MultipartFormDataContent Form(int maxResults = 10) => new()
    {
        { Fixtures.File(Fixtures.Bytes("person/face/woman-light-skin.jpg"), "image/jpeg"), "user_photo", "me.jpg" },
        { new StringContent(maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), "max_results" },
    };
}
