using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Drape.Server.Tests.Recommendations.Chat;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/chat/completions</c> over real HTTP on loopback (stands in for OpenAI, Gemini's
/// OpenAI endpoint, Ollama or vLLM): records each request body and answers with <see cref="Content"/> as the assistant
/// message, or with <see cref="FailWith"/> as the status.
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAi(WebApplication app) => _app = app;

    public string BaseUrl => $"{_app.Urls.Single()}/v1";

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public string Content { get; set; } = Good;

    public int? FailWith { get; set; }

    public const string Good = """{"keywords":["Emerald Wrap Dress","camel trench coat!","ivory silk blouse","sapphire blazer","coral midi skirt","olive chinos","navy knit sweater","peach cardigan","emerald wrap dress"]}""";

    public static async Task<FakeOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAi(app);
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            fake.Requests.Enqueue(body);
            if (fake.FailWith is { } status)
            {
                return Results.Json(new { error = new { message = "upstream failure", type = "server_error" } }, statusCode: status);
            }

            return Results.Json(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_764_000_000,
                model = (string?)body["model"],
                choices = new[] { new { index = 0, message = new { role = "assistant", content = fake.Content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
            }, new JsonSerializerOptions());
        });
        await app.StartAsync();
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
