using System.Text.Json;
using System.Text.Json.Nodes;
using Drape.Imaging.Garments;
using Microsoft.Extensions.Options;

namespace Drape.Server.Engines.Hosted;

/// <summary>
/// Replicate's predictions API with an IDM-VTON version (<c>cuuupid/idm-vton</c> by default): <c>POST /v1/predictions</c>
/// <c>{version, input: {garm_img, human_img, garment_des, category, steps, seed}}</c> with a bearer token, then
/// <c>GET /v1/predictions/{id}</c> (starting → processing → succeeded | failed | canceled) until <c>output</c> names the
/// image; <c>POST /v1/predictions/{id}/cancel</c> stops it. IDM-VTON has no <c>auto</c>, so Drape decides it first.
/// </summary>
public sealed class ReplicateTryOnEngine(IHttpClientFactory clients, IOptions<ReplicateOptions> options, TimeProvider time, ILogger<ReplicateTryOnEngine> logger)
    : HostedTryOnEngine(clients, options.Value, time, logger)
{
    public const string EngineName = "replicate";

    private readonly ReplicateOptions _options = options.Value;

    public override string Name => EngineName;

    public override string Model => _options.ModelId;

    private protected override string Section => ReplicateOptions.Section + ":ApiToken";

    internal static string CategoryName(GarmentCategory category) => category switch
    {
        GarmentCategory.Lower => "lower_body",
        GarmentCategory.Dress => "dresses",
        _ => "upper_body",
    };

    private protected override async Task<HostedJob> SubmitAsync(HttpClient http, HostedInputs inputs, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["version"] = _options.Version,
            ["input"] = new JsonObject
            {
                ["human_img"] = inputs.PersonDataUri,
                ["garm_img"] = inputs.GarmentDataUri,
                ["garment_des"] = string.IsNullOrWhiteSpace(inputs.Description) ? CategoryName(inputs.Resolved).Replace('_', ' ') + " garment" : inputs.Description,
                ["category"] = CategoryName(inputs.Resolved),
                ["steps"] = _options.Steps,
                ["seed"] = inputs.ProviderSeed,
            },
        };
        var answer = await SendForJsonAsync(http, Request(HttpMethod.Post, Endpoint("v1/predictions"), body), "the submission", null, cancellationToken);
        var id = RequiredString(answer, "id", "the submission");
        var escaped = Uri.EscapeDataString(id);
        return new HostedJob(id,
            OptionalUri(answer["urls"]?["get"]) ?? Endpoint($"v1/predictions/{escaped}"),
            CancelUrl: OptionalUri(answer["urls"]?["cancel"]) ?? Endpoint($"v1/predictions/{escaped}/cancel"));
    }

    private protected override async Task<HostedPoll> PollAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken)
    {
        var prediction = await SendForJsonAsync(http, Request(HttpMethod.Get, job.StatusUrl), "a status request", job.Id, cancellationToken);
        var word = RequiredString(prediction, "status", "a status request");
        return word switch
        {
            "starting" => new HostedPoll(HostedState.Queued, word),
            "processing" => new HostedPoll(HostedState.Running, word),
            "succeeded" => new HostedPoll(HostedState.Succeeded, word, Output(prediction["output"])),
            "failed" or "canceled" or "aborted" => new HostedPoll(HostedState.Failed, word, Error: prediction["error"]?.ToString() ?? word),
            _ => throw new HostedContractException($"the status '{HostedFailures.Shorten(word)}' is not one of starting, processing, succeeded, failed, canceled."),
        };
    }

    private protected override async Task CancelAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken) =>
        await SendForJsonAsync(http, Request(HttpMethod.Post, job.CancelUrl!), "the cancellation", job.Id, cancellationToken);

    private protected override void Authorize(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _options.Credential);

    /// <summary>IDM-VTON's output is one URL; other versions answer a list of them.</summary>
    private static string? Output(JsonNode? output) => output switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray { Count: > 0 } list => list[^1]?.ToString(),
        _ => null,
    };
}
