using System.Text.Json;
using Drape.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Drape.Server.Engines.Hosted;

/// <summary>
/// How a hosted engine's failures reach the caller (DESIGN.md §5): the provider could not be reached, kept failing,
/// timed out, refused the key, its breaker is open or the job failed upstream → <c>EXT_5004</c> (503), the original
/// exception kept as the inner one; the provider found no person → <c>ML_4004</c>. No key ever appears in a message.
/// </summary>
internal static class HostedFailures
{
    /// <summary>An error that means "the provider could not answer", as opposed to the caller cancelling or a bug.</summary>
    public static bool IsUpstream(Exception e) => e is ExecutionRejectedException or HttpRequestException or JsonException or HostedContractException;

    public static DrapeException Unavailable(string engine, string model, string? requestId, Exception e) =>
        Upstream(engine, model, requestId, Describe(engine, e), e, null);

    public static DrapeException TimedOut(string engine, string model, string? requestId, int seconds, Exception inner) =>
        Upstream(engine, model, requestId, $"The {engine} engine did not finish within {seconds} s; the job was cancelled upstream.", inner, null);

    public static DrapeException Refused(string engine, string model, string? requestId, int status, string section) =>
        Upstream(engine, model, requestId, $"The {engine} engine refused the configured API key ({status}); check {section}.", StatusError(status), status);

    /// <summary>An answer that is still a failure after the retries; the inner exception carries its status.</summary>
    public static DrapeException BadStatus(string engine, string model, string? requestId, string step, int status, string? reason) =>
        Upstream(engine, model, requestId, $"The {engine} engine answered {status} to {step}{(reason is null ? "." : ": " + reason)}", StatusError(status), status);

    public static DrapeException JobFailed(string engine, string model, string? requestId, string? reason) =>
        Upstream(engine, model, requestId, $"The {engine} job failed upstream{(string.IsNullOrWhiteSpace(reason) ? "." : ": " + reason)}", null, null);

    public static DrapeException NoPerson(string engine, string? reason) =>
        DrapeException.NoPerson($"The {engine} engine found no usable person in the person image{(string.IsNullOrWhiteSpace(reason) ? "." : ": " + reason)}");

    /// <summary>A provider's own error text, shortened: it goes into a response body and a log line.</summary>
    public static string? Shorten(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }

    private static HttpRequestException StatusError(int status) =>
        new($"The provider answered {status}.", null, (System.Net.HttpStatusCode)status);

    private static DrapeException Upstream(string engine, string model, string? requestId, string message, Exception? inner, int? status)
    {
        var details = new Dictionary<string, object?> { ["engine"] = engine, ["model"] = model };
        if (requestId is not null)
        {
            details["request_id"] = requestId;
        }

        if (status is not null)
        {
            details["upstream_status"] = status;
        }

        return new DrapeException(ErrorCodes.UpstreamTimeout, 503, message, details, inner);
    }

    private static string Describe(string engine, Exception e) => e switch
    {
        BrokenCircuitException => $"The {engine} engine's circuit breaker is open after repeated failures; it is not being called for now.",
        TimeoutRejectedException => $"The {engine} engine did not answer in time.",
        HttpRequestException => $"The {engine} engine could not be reached.",
        JsonException => $"The {engine} engine's answer is not its documented JSON.",
        HostedContractException => $"The {engine} engine's answer is not in its documented form: {e.Message}",
        _ => $"The {engine} engine failed.",
    };
}
