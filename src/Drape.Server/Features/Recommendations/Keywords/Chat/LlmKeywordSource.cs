using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Recommendations.Keywords.Chat;

/// <summary>
/// Keywords from a vision LLM through <c>Microsoft.Extensions.AI</c>'s <see cref="IChatClient"/> over any OpenAI-compatible
/// endpoint: the collage as an image part, the palette and profile as text, a JSON-schema structured answer. Anything
/// short of 8 usable keywords is a <see cref="KeywordSourceException"/> and the caller uses the built-in engine.
/// </summary>
public sealed class LlmKeywordSource([FromKeyedServices(LlmRegistration.ClientName)] IChatClient chat, IOptions<LlmOptions> options) : IKeywordSource
{
    public string Name => "llm";

    public bool IsEnabled => options.Value.IsEnabled;

    public async Task<IReadOnlyList<string>> SuggestAsync(KeywordRequest request, CancellationToken cancellationToken)
    {
        List<AIContent> contents = [new TextContent(KeywordPrompt.Context(request))];
        if (request.CollagePng is { } collage)
        {
            contents.Add(new DataContent(collage, "image/png"));
        }

        var chatOptions = new ChatOptions
        {
            ModelId = options.Value.Model,
            Temperature = 0.4f,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(KeywordPrompt.Schema, "shopping_keywords", "8 to 10 shopping search keywords"),
        };
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, KeywordPrompt.System), new ChatMessage(ChatRole.User, contents)], chatOptions, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new KeywordSourceException($"The LLM could not be reached or failed: {e.GetType().Name}.", e);
        }

        return KeywordPrompt.Parse(response.Text);
    }
}
