using Drape.Errors;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Drape.Server.Engines;

/// <summary>
/// The try-on engines this node has (keyed <see cref="ITryOnEngine"/> services: <c>builtin</c> always, remote ones when
/// configured), which one a request gets, and the fallback to <c>builtin</c> when a remote one fails
/// (<c>Drape:Engines:Fallback</c>). Every run's outcome goes to <see cref="EngineHealth"/>.
/// </summary>
public sealed class TryOnEngines(IServiceProvider services, IOptions<EngineOptions> options, IOptions<Features.TryOn.TryOnOptions> framing, EngineHealth health, ILogger<TryOnEngines> logger)
{
    public const string Builtin = "builtin";
    private const int MaxReason = 400;

    /// <summary>Every engine name Drape knows, configured or not.</summary>
    public static readonly IReadOnlyList<string> Known = [Builtin, "oip", "fal", "replicate", "fashn"];

    /// <summary>One engine run: what it made, which engine made it, and why it is degraded when a fallback made it.</summary>
    public sealed record Run(TryOnOutput Output, string Engine, string? DegradedReason)
    {
        public bool Degraded => DegradedReason is not null;
    }

    private readonly IServiceProviderIsKeyedService _keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();

    public string Default => options.Value.TryOn;

    /// <summary>The engines configured on this node.</summary>
    public IReadOnlyList<string> Available => Known.Where(IsAvailable).ToList();

    public bool IsAvailable(string name) => _keyed.IsKeyedService(typeof(ITryOnEngine), name);

    /// <summary>Why a requested engine name cannot be used here, or null when it can.</summary>
    public string? Problem(string name) =>
        !Known.Contains(name) ? $"must be one of {string.Join(", ", Known)}"
        : !IsAvailable(name) ? $"the {name} engine is not configured on this server (available: {string.Join(", ", Available)})"
        : null;

    public async Task<Run> RunAsync(string engineName, TryOnInput input, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var name = IsAvailable(engineName) ? engineName : Default;
        var engine = services.GetRequiredKeyedService<ITryOnEngine>(name);
        try
        {
            var output = Fitted(await engine.RunAsync(input, progress, cancellationToken));
            health.Succeeded(name);
            return new Run(output, name, null);
        }
        catch (Exception e) when (e is not OperationCanceledException && !IsBadInput(e))
        {
            var breakerOpen = Chain(e).Any(x => x is BrokenCircuitException);
            var reason = $"{name}: {(breakerOpen ? "its circuit breaker is open" : ReasonOf(e))}";
            health.Failed(name, reason, breakerOpen);
            if (name == Builtin || !options.Value.Fallback)
            {
                throw e is DrapeException ? e : DrapeException.Inference($"The {name} engine failed.", e);
            }

            logger.LogWarning(e, "Engine {Engine} failed ({Reason}); falling back to the built-in engine", name, reason);
            var fallback = services.GetRequiredKeyedService<ITryOnEngine>(Builtin);
            var output = await fallback.RunAsync(input, progress, cancellationToken);
            health.Succeeded(Builtin);
            return new Run(output, Builtin, reason);
        }
    }

    /// <summary>A remote engine answers at its own size; every result is fitted within <c>Drape:TryOn:MaxWidth × MaxHeight</c>.</summary>
    private TryOnOutput Fitted(TryOnOutput output)
    {
        var (width, height) = (framing.Value.MaxWidth, framing.Value.MaxHeight);
        if (output.Image.Width <= width && output.Image.Height <= height)
        {
            return output;
        }

        using var original = output.Image;
        return output with { Image = Drape.Imaging.Processing.ImageResize.FitWithin(original, width, height) };
    }

    /// <summary>Input the engine refused (no person, a bad image) would be refused by the built-in engine too: no fallback.</summary>
    private static bool IsBadInput(Exception e) =>
        e is DrapeException { ErrorCode: ErrorCodes.BadInput or ErrorCodes.ContentMismatch or ErrorCodes.InvalidInput };

    /// <summary>The first line of what went wrong, short enough to keep on the result row.</summary>
    private static string ReasonOf(Exception e)
    {
        var text = (e is DrapeException ? e.Message : $"{e.GetType().Name}: {e.Message}").Split('\n')[0].Trim();
        return text.Length <= MaxReason ? text : text[..MaxReason] + "…";
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}
