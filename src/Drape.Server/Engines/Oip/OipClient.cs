using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Drape.Errors;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Drape.Server.Engines.Oip;

/// <summary>
/// Calls an Open Inference Protocol v2 server (typed <see cref="HttpClient"/> with the shared resilience pipeline).
/// The server unreachable, too slow, or its circuit breaker open: <c>EXT_5004</c> (503) with the cause as inner
/// exception. The server answering with an error: <c>ML_4002</c> with its message.
/// </summary>
public sealed class OipClient(HttpClient http, IOptions<OipOptions> options, ILogger<OipClient> logger)
{
    public const string ClientName = "oip";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<OipModelMetadata> ModelMetadataAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(model, () => new HttpRequestMessage(HttpMethod.Get, ModelPath(model)), cancellationToken);
        await EnsureSuccessAsync(model, response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<OipModelMetadata>(Json, cancellationToken)
            ?? throw DrapeException.Inference($"The inference server sent no metadata for '{model}'.");
    }

    /// <summary>Runs <paramref name="model"/> (name or name:version) on <paramref name="inputs"/>; every output comes back.</summary>
    public async Task<OipInferResponse> InferAsync(string model, IReadOnlyList<OipTensor> inputs, CancellationToken cancellationToken)
    {
        var binary = options.Value.BinaryData;
        var (body, headerLength) = OipWire.WriteRequest(new OipInferRequest(null, inputs, null, BinaryOutputs: binary), binaryInputs: binary);
        using var response = await SendAsync(model, () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(headerLength is null ? "application/json" : "application/octet-stream");
            if (headerLength is { } length)
            {
                content.Headers.Add(OipWire.HeaderLength, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return new HttpRequestMessage(HttpMethod.Post, ModelPath(model) + "/infer") { Content = content };
        }, cancellationToken);
        await EnsureSuccessAsync(model, response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var header = response.Content.Headers.TryGetValues(OipWire.HeaderLength, out var values) || response.Headers.TryGetValues(OipWire.HeaderLength, out values)
            ? int.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture)
            : (int?)null;
        try
        {
            return OipWire.ReadResponse(bytes, header);
        }
        catch (OipException e)
        {
            throw DrapeException.Inference($"The inference server's answer for '{model}' is not a valid inference response: {e.Message}.", e);
        }
    }

    /// <summary>The request is built per call: the resilience pipeline may send it more than once.</summary>
    private async Task<HttpResponseMessage> SendAsync(string model, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var baseUri = options.Value.BaseUri ?? throw new DrapeException(ErrorCodes.Configuration, 500, "Drape:Engines:Oip:BaseUrl is not set.");
        using var message = request();
        message.RequestUri = new Uri(baseUri, message.RequestUri!.ToString());
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception e) when (Unreachable(e, cancellationToken))
        {
            var why = e switch
            {
                BrokenCircuitException => "its circuit breaker is open after repeated failures",
                TimeoutRejectedException or TaskCanceledException => $"it did not answer within {options.Value.TimeoutSeconds} s",
                _ => $"it could not be reached ({e.Message})",
            };
            logger.LogWarning(e, "OIP call to {Model} at {BaseUrl} failed: {Reason}", model, baseUri, why);
            throw new DrapeException(ErrorCodes.UpstreamTimeout, 503, $"The inference server for '{model}' is unavailable: {why}.",
                new Dictionary<string, object?> { ["model"] = model }, e);
        }
    }

    private static bool Unreachable(Exception e, CancellationToken cancellationToken) =>
        e is BrokenCircuitException or TimeoutRejectedException or HttpRequestException
        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task EnsureSuccessAsync(string model, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? error = null;
        try
        {
            error = JsonSerializer.Deserialize<OipError>(text, Json)?.Error;
        }
        catch (JsonException)
        {
            // Not the protocol's error body (a proxy's page, say): the status says enough.
        }

        var status = (int)response.StatusCode;
        logger.LogWarning("OIP call to {Model} answered {Status}: {Error}", model, status, error ?? text);
        var message = response.StatusCode == HttpStatusCode.NotFound && error is null
            ? $"The inference server has no model '{model}'."
            : $"The inference server could not run '{model}' ({status}): {error ?? response.ReasonPhrase}.";
        throw new DrapeException(ErrorCodes.InferenceFailed, 500, message, new Dictionary<string, object?> { ["model"] = model, ["upstream_status"] = status });
    }

    private static string ModelPath(string model)
    {
        var parts = model.Split(':', 2);
        var path = "v2/models/" + Uri.EscapeDataString(parts[0]);
        return parts.Length == 2 ? $"{path}/versions/{Uri.EscapeDataString(parts[1])}" : path;
    }
}
