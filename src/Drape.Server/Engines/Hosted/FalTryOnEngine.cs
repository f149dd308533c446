using System.Text.Json.Nodes;
using Drape.Imaging.Garments;
using Microsoft.Extensions.Options;

namespace Drape.Server.Engines.Hosted;

/// <summary>
/// fal.ai's queue API: <c>POST {base}/{model}</c> with <c>Authorization: Key …</c> gives <c>request_id</c>,
/// <c>status_url</c>, <c>response_url</c>, <c>cancel_url</c>; the status goes IN_QUEUE → IN_PROGRESS → COMPLETED; the
/// response carries <c>image.url</c> (or <c>images[0].url</c>); <c>PUT cancel_url</c> stops it. Inputs follow the model:
/// IDM-VTON (<c>human_image_url</c>, <c>garment_image_url</c>, <c>description</c>, <c>category</c>) or Leffa
/// (<c>garment_type</c>); neither has <c>auto</c>, so Drape decides it first.
/// </summary>
public sealed class FalTryOnEngine(IHttpClientFactory clients, IOptions<FalOptions> options, TimeProvider time, ILogger<FalTryOnEngine> logger)
    : HostedTryOnEngine(clients, options.Value, time, logger)
{
    public const string EngineName = "fal";

    private readonly FalOptions _options = options.Value;

    public override string Name => EngineName;

    public override string Model => _options.Model;

    private protected override string Section => FalOptions.Section + ":ApiKey";

    private bool IsLeffa => _options.Model.Contains("leffa", StringComparison.OrdinalIgnoreCase);

    /// <summary>Both IDM-VTON and Leffa name the categories as the DressCode data set does.</summary>
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
            ["human_image_url"] = inputs.PersonDataUri,
            ["garment_image_url"] = inputs.GarmentDataUri,
            ["num_inference_steps"] = _options.Steps,
            ["seed"] = inputs.ProviderSeed,
        };
        if (IsLeffa)
        {
            body["garment_type"] = CategoryName(inputs.Resolved);
        }
        else
        {
            body["description"] = string.IsNullOrWhiteSpace(inputs.Description) ? DefaultDescription(inputs.Resolved) : inputs.Description;
            body["category"] = CategoryName(inputs.Resolved);
        }

        var answer = await SendForJsonAsync(http, Request(HttpMethod.Post, Endpoint(_options.Model), body), "the submission", null, cancellationToken);
        var id = RequiredString(answer, "request_id", "the submission");

        // The queue's URLs drop a model's sub-path (fal-ai/leffa/virtual-tryon → fal-ai/leffa); prefer the ones given.
        var app = string.Join('/', _options.Model.Split('/').Take(2));
        var requests = $"{app}/requests/{Uri.EscapeDataString(id)}";
        return new HostedJob(id,
            OptionalUri(answer["status_url"]) ?? Endpoint(requests + "/status"),
            OptionalUri(answer["response_url"]) ?? Endpoint(requests),
            OptionalUri(answer["cancel_url"]) ?? Endpoint(requests + "/cancel"));
    }

    private protected override async Task<HostedPoll> PollAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken)
    {
        var status = await SendForJsonAsync(http, Request(HttpMethod.Get, job.StatusUrl), "a status request", job.Id, cancellationToken);
        var word = RequiredString(status, "status", "a status request");
        switch (word)
        {
            case "IN_QUEUE":
                return new HostedPoll(HostedState.Queued, word);
            case "IN_PROGRESS":
                return new HostedPoll(HostedState.Running, word);
            case "COMPLETED" when status["error"] is { } error:
                return new HostedPoll(HostedState.Failed, word, Error: error.ToString());
            case "COMPLETED":
                // A failed request is COMPLETED too: its response is the error (4xx/5xx with fal's "detail").
                var (code, body) = await SendAsync(http, Request(HttpMethod.Get, job.ResultUrl!), job.Id, cancellationToken);
                if (code is < 200 or > 299)
                {
                    return new HostedPoll(HostedState.Failed, word, Error: ErrorText(body) ?? $"the result request answered {code}");
                }

                var result = JsonNode.Parse(body);
                var url = result?["image"]?["url"] ?? result?["images"]?[0]?["url"];
                return url is null
                    ? new HostedPoll(HostedState.Failed, word, Error: ErrorText(body) ?? "the response names no image")
                    : new HostedPoll(HostedState.Succeeded, word, url.ToString());
            default:
                throw new HostedContractException($"the status '{HostedFailures.Shorten(word)}' is not one of IN_QUEUE, IN_PROGRESS, COMPLETED.");
        }
    }

    private protected override async Task CancelAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken) =>
        await SendForJsonAsync(http, Request(HttpMethod.Put, job.CancelUrl!), "the cancellation", job.Id, cancellationToken);

    private protected override void Authorize(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("Authorization", "Key " + _options.Credential);

    private static string DefaultDescription(GarmentCategory category) => category switch
    {
        GarmentCategory.Lower => "a pair of trousers or a skirt",
        GarmentCategory.Dress => "a dress",
        _ => "a top",
    };
}
