using System.Text.Json.Nodes;
using Drape.Imaging.Garments;
using Microsoft.Extensions.Options;

namespace Drape.Server.Engines.Hosted;

/// <summary>
/// The FASHN API: <c>POST /v1/run</c> <c>{model_name, inputs: {model_image, garment_image, category, mode, …}}</c> with a
/// bearer key gives an <c>id</c>; <c>GET /v1/status/{id}</c> (starting → in_queue → processing → completed | failed)
/// gives <c>output</c> URLs. FASHN decides <c>auto</c> itself; Drape records its own reading of the garment on the
/// result. FASHN documents no cancel endpoint: a cancelled run just stops being polled. A <c>PoseError</c> (no body
/// found in the person image) is <c>ML_4004</c>.
/// </summary>
public sealed class FashnTryOnEngine(IHttpClientFactory clients, IOptions<FashnOptions> options, TimeProvider time, ILogger<FashnTryOnEngine> logger)
    : HostedTryOnEngine(clients, options.Value, time, logger)
{
    public const string EngineName = "fashn";

    private readonly FashnOptions _options = options.Value;

    public override string Name => EngineName;

    public override string Model => _options.ModelName;

    private protected override string Section => FashnOptions.Section + ":ApiKey";

    internal static string CategoryName(GarmentCategory? category) => category switch
    {
        null => "auto",
        GarmentCategory.Lower => "bottoms",
        GarmentCategory.Dress => "one-pieces",
        _ => "tops",
    };

    private protected override async Task<HostedJob> SubmitAsync(HttpClient http, HostedInputs inputs, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model_name"] = _options.ModelName,
            ["inputs"] = new JsonObject
            {
                ["model_image"] = inputs.PersonDataUri,
                ["garment_image"] = inputs.GarmentDataUri,
                ["category"] = CategoryName(inputs.Requested),
                ["mode"] = _options.Mode,
                ["garment_photo_type"] = _options.GarmentPhotoType,
                ["seed"] = inputs.ProviderSeed,
                ["num_samples"] = 1,
            },
        };
        var answer = await SendForJsonAsync(http, Request(HttpMethod.Post, Endpoint("v1/run"), body), "the submission", null, cancellationToken);
        if (answer["error"] is { } error && error.GetValueKind() != System.Text.Json.JsonValueKind.Null)
        {
            throw HostedFailures.JobFailed(Name, Model, null, HostedFailures.Shorten(ErrorText(answer.ToJsonString())));
        }

        var id = RequiredString(answer, "id", "the submission");
        return new HostedJob(id, Endpoint($"v1/status/{Uri.EscapeDataString(id)}"));
    }

    private protected override async Task<HostedPoll> PollAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken)
    {
        var status = await SendForJsonAsync(http, Request(HttpMethod.Get, job.StatusUrl), "a status request", job.Id, cancellationToken);
        var word = RequiredString(status, "status", "a status request");
        switch (word)
        {
            case "starting" or "in_queue":
                return new HostedPoll(HostedState.Queued, word);
            case "processing":
                return new HostedPoll(HostedState.Running, word);
            case "completed":
                return new HostedPoll(HostedState.Succeeded, word, status["output"]?[0]?.ToString());
            case "failed" or "canceled":
                var name = status["error"]?["name"]?.ToString();
                var message = status["error"]?["message"]?.ToString() ?? status["error"]?.ToString();
                return new HostedPoll(HostedState.Failed, word, Error: name is null ? message : $"{name}: {message}", NoPerson: name == "PoseError");
            default:
                throw new HostedContractException($"the status '{HostedFailures.Shorten(word)}' is not one of starting, in_queue, processing, completed, failed.");
        }
    }

    private protected override void Authorize(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _options.Credential);
}
