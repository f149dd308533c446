using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drape.Server.Tests.Support;

internal static class Json
{
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject) ?? throw new JsonException("not an object");

    public static async Task<JsonArray> GetArrayAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonArray) ?? throw new JsonException("not an array");
    }

    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ReadObjectAsync();
    }

    /// <summary>Polls a session until it reaches a terminal state (or the time runs out).</summary>
    public static async Task<JsonObject> WaitForTerminalAsync(this HttpClient client, string sessionId, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var session = await client.GetObjectAsync($"/api/v1/tryon/sessions/{sessionId}");
            var status = (string?)session["status"];
            if (status is "completed" or "failed" or "canceled" or "expired" || DateTime.UtcNow > until)
            {
                return session;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The fields named in a 422's <c>details.fields</c> list.</summary>
    public static IReadOnlyList<string?> FieldNames(this JsonObject error) =>
        error["details"]?["fields"]?.AsArray().Select(f => (string?)f!["field"]).ToList() ?? [];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
