using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Vision.TryOn;
using SkiaSharp;

namespace Drape.Server.Engines.Hosted;

/// <summary>What a provider is given for one try-on.</summary>
/// <param name="Requested">The caller's category; null for <c>auto</c>.</param>
/// <param name="Resolved">The category recorded on the result: <see cref="Requested"/>, or what Drape's garment masker sees.</param>
internal sealed record HostedInputs(string PersonDataUri, string GarmentDataUri, GarmentCategory? Requested, GarmentCategory Resolved, int Seed, string? Description)
{
    /// <summary>Providers take seeds from 0 up.</summary>
    public int ProviderSeed => Seed & int.MaxValue;
}

/// <summary>A submitted job: the provider's id and where to ask about it.</summary>
internal sealed record HostedJob(string Id, Uri StatusUrl, Uri? ResultUrl = null, Uri? CancelUrl = null);

internal enum HostedState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <param name="ProviderStatus">The provider's own word for the state (logged).</param>
/// <param name="Output">The result's URL (or data URI) once <see cref="HostedState.Succeeded"/>.</param>
/// <param name="NoPerson">The provider said the person image is unusable (no person / pose found).</param>
internal sealed record HostedPoll(HostedState State, string ProviderStatus, string? Output = null, string? Error = null, bool NoPerson = false)
{
    /// <summary>The job's id, filled in by the engine.</summary>
    public string? Id { get; init; }
}

/// <summary>
/// A try-on engine backed by a hosted provider's job API: submit, poll until done (reporting progress), download the
/// result, decode it with Skia. The whole run is bounded by <see cref="HostedEngineOptions.TimeoutSeconds"/> on the
/// container's <see cref="TimeProvider"/>; every HTTP call goes through the engine's resilience pipeline (see
/// <see cref="HostedEnginesRegistration"/>). When the caller cancels or the deadline passes, the job is cancelled
/// upstream so it is not paid for. Logs carry engine, model, request id, status and durations, never the key.
/// </summary>
public abstract partial class HostedTryOnEngine : ITryOnEngine
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IHttpClientFactory _clients;
    private readonly HostedEngineOptions _options;
    private readonly ILogger _logger;

    private protected HostedTryOnEngine(IHttpClientFactory clients, HostedEngineOptions options, TimeProvider time, ILogger logger)
    {
        _clients = clients;
        _options = options;
        Time = time;
        _logger = logger;
    }

    public abstract string Name { get; }

    /// <summary>The provider's model id, recorded on every result.</summary>
    public abstract string Model { get; }

    /// <summary>The configuration section, named in messages about the key.</summary>
    private protected abstract string Section { get; }

    private protected TimeProvider Time { get; }


    public async Task<TryOnOutput> RunAsync(TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        var inputs = new HostedInputs(HostedImages.DataUri(input.Person, _options), HostedImages.DataUri(input.Garment, _options),
            input.Category, input.Category ?? HostedImages.Classify(input.Garment), input.Seed, input.Description);

        var http = _clients.CreateClient(Name);
        var started = Time.GetTimestamp();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TimeoutSeconds), Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        HostedJob? job = null;
        var over = false;
        try
        {
            job = await SubmitAsync(http, inputs, linked.Token);
            LogSubmitted(Name, Model, job.Id, inputs.Requested is null ? "auto" : inputs.Resolved.ToString().ToLowerInvariant());
            progress?.Report(5);
            var done = await WaitAsync(http, job, progress, started, linked.Token);
            if (done.State == HostedState.Failed)
            {
                over = true; // nothing left to cancel upstream
                throw done.NoPerson ? HostedFailures.NoPerson(Name, HostedFailures.Shorten(done.Error))
                    : HostedFailures.JobFailed(Name, Model, done.Id, HostedFailures.Shorten(done.Error));
            }

            var output = done.Output ?? throw new HostedContractException("the finished job names no result image.");
            progress?.Report(90);

            var downloadStarted = Time.GetTimestamp();
            var image = await DownloadAsync(http, output, linked.Token);
            progress?.Report(100);
            LogCompleted(Name, Model, job.Id, (long)Time.GetElapsedTime(started).TotalMilliseconds, (long)Time.GetElapsedTime(downloadStarted).TotalMilliseconds);
            return new TryOnOutput(image, inputs.Resolved, Model);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(Name, Model, job?.Id, (long)Time.GetElapsedTime(started).TotalMilliseconds);
            await CancelQuietlyAsync(http, job);
            throw;
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            LogFailed(Name, Model, job?.Id, "timed out", (long)Time.GetElapsedTime(started).TotalMilliseconds);
            await CancelQuietlyAsync(http, job);
            throw HostedFailures.TimedOut(Name, Model, job?.Id, _options.TimeoutSeconds, e);
        }
        catch (Exception e) when (HostedFailures.IsUpstream(e))
        {
            LogFailed(Name, Model, job?.Id, e.GetType().Name, (long)Time.GetElapsedTime(started).TotalMilliseconds);
            await CancelQuietlyAsync(http, job);
            throw HostedFailures.Unavailable(Name, Model, job?.Id, e);
        }
        catch (DrapeException e)
        {
            LogFailed(Name, Model, job?.Id, e.ErrorCode, (long)Time.GetElapsedTime(started).TotalMilliseconds);
            await CancelQuietlyAsync(http, over ? null : job);
            throw;
        }
    }

    private protected abstract Task<HostedJob> SubmitAsync(HttpClient http, HostedInputs inputs, CancellationToken cancellationToken);

    private protected abstract Task<HostedPoll> PollAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken);

    /// <summary>Asks the provider to stop the job; a provider without a cancel endpoint does nothing.</summary>
    private protected virtual Task CancelAsync(HttpClient http, HostedJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sets the provider's Authorization header.</summary>
    private protected abstract void Authorize(HttpRequestMessage request);

    private protected Uri Endpoint(string relative) => new(_options.Root, relative);

    /// <summary>A JSON request; the key is added only for the provider's own host, never for a URL it hands back elsewhere.</summary>
    private protected HttpRequestMessage Request(HttpMethod method, Uri uri, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.ParseAdd("application/json");
        if (IsProviderHost(uri))
        {
            Authorize(request);
        }

        return request;
    }

    /// <summary>Sends and reads a JSON answer; 401/403 and other failures become the engine's <see cref="DrapeException"/>.</summary>
    private protected async Task<JsonNode> SendForJsonAsync(HttpClient http, HttpRequestMessage request, string step, string? requestId, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(http, request, requestId, cancellationToken);
        if (status is < 200 or > 299)
        {
            throw HostedFailures.BadStatus(Name, Model, requestId, step, status, HostedFailures.Shorten(ErrorText(body)));
        }

        return JsonNode.Parse(body) ?? throw new HostedContractException($"the answer to {step} is empty.");
    }

    /// <summary>Sends and reads the answer whatever its status, except that 401/403 always mean the key was refused.</summary>
    private protected async Task<(int Status, string Body)> SendAsync(HttpClient http, HttpRequestMessage request, string? requestId, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw HostedFailures.Refused(Name, Model, requestId, (int)response.StatusCode, Section);
            }

            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    /// <summary>The provider's error text from a JSON error body (<c>detail</c>, <c>error</c>, <c>message</c>), if any.</summary>
    private protected static string? ErrorText(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var error = node?["detail"] ?? node?["error"] ?? node?["message"];
            return error switch
            {
                null => null,
                JsonValue value => value.ToString(),
                JsonArray array => string.Join("; ", array.Select(d => d?["msg"]?.ToString() ?? d?.ToJsonString())),
                JsonObject obj => obj["message"]?.ToString() ?? obj.ToJsonString(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private protected static string RequiredString(JsonNode node, string name, string step) =>
        node[name]?.GetValueKind() == JsonValueKind.String && node[name]!.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw new HostedContractException($"the answer to {step} has no '{name}'.");

    private protected static Uri? OptionalUri(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && Uri.TryCreate(node.GetValue<string>(), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Polls until the job is over; answers the last poll (succeeded or failed).</summary>
    private async Task<HostedPoll> WaitAsync(HttpClient http, HostedJob job, IProgress<int>? progress, long started, CancellationToken cancellationToken)
    {
        var reported = 5;
        var lastStatus = "";
        var interval = TimeSpan.FromMilliseconds(_options.PollIntervalMs);
        while (true)
        {
            await Task.Delay(interval, Time, cancellationToken);
            var poll = await PollAsync(http, job, cancellationToken);
            if (poll.ProviderStatus != lastStatus)
            {
                lastStatus = poll.ProviderStatus;
                LogStatus(Name, job.Id, poll.ProviderStatus, (long)Time.GetElapsedTime(started).TotalMilliseconds);
            }

            if (poll.State is HostedState.Succeeded or HostedState.Failed)
            {
                return poll with { Id = job.Id };
            }

            // Queued holds at 10; running climbs towards 85 a step per poll, since providers give no percentage.
            var next = poll.State == HostedState.Queued ? 10 : Math.Min(85, Math.Max(reported, 25) + 5);
            if (next > reported)
            {
                reported = next;
                progress?.Report(next);
            }
        }
    }

    private async Task<SKBitmap> DownloadAsync(HttpClient http, string output, CancellationToken cancellationToken)
    {
        var maxBytes = _options.MaxResultMegabytes * 1024L * 1024L;
        var bytes = HostedImages.FromDataUri(output);
        if (bytes is null)
        {
            if (!Uri.TryCreate(output, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new HostedContractException("the result is neither an http(s) URL nor a data URI.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (IsProviderHost(uri))
            {
                Authorize(request);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw HostedFailures.BadStatus(Name, Model, null, "the result download", (int)response.StatusCode, null);
            }

            bytes = await HostedImages.ReadBoundedAsync(response.Content, maxBytes, cancellationToken);
        }

        return HostedImages.Decode(bytes, _options);
    }

    /// <summary>Best effort, on its own short clock: the caller's token is already cancelled.</summary>
    private async Task CancelQuietlyAsync(HttpClient http, HostedJob? job)
    {
        if (job is null)
        {
            return;
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(10, _options.RequestTimeoutSeconds)), Time);
        try
        {
            await CancelAsync(http, job, limit.Token);
            LogCancelSent(Name, job.Id);
        }
        catch (Exception e) when (e is OperationCanceledException || HostedFailures.IsUpstream(e) || e is DrapeException)
        {
            LogCancelFailed(Name, job.Id, e.GetType().Name);
        }
    }

    private bool IsProviderHost(Uri uri) => Uri.Compare(uri, _options.Root, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Try-on engine {Engine} ({Model}) submitted request {RequestId}, category {Category}")]
    private partial void LogSubmitted(string engine, string model, string requestId, string category);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Try-on engine {Engine} request {RequestId} is {Status} after {ElapsedMs} ms")]
    private partial void LogStatus(string engine, string requestId, string status, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Try-on engine {Engine} ({Model}) request {RequestId} completed in {ElapsedMs} ms (download {DownloadMs} ms)")]
    private partial void LogCompleted(string engine, string model, string requestId, long elapsedMs, long downloadMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Try-on engine {Engine} ({Model}) request {RequestId} failed ({Reason}) after {ElapsedMs} ms")]
    private partial void LogFailed(string engine, string model, string? requestId, string reason, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Try-on engine {Engine} ({Model}) request {RequestId} cancelled by the caller after {ElapsedMs} ms")]
    private partial void LogCancelled(string engine, string model, string? requestId, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Try-on engine {Engine} asked the provider to cancel request {RequestId}")]
    private partial void LogCancelSent(string engine, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Try-on engine {Engine} could not cancel request {RequestId} upstream ({Reason})")]
    private partial void LogCancelFailed(string engine, string requestId, string reason);
}
