using System.Diagnostics;
using Drape.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Drape.Vision.Models;

/// <summary>One model in ONNX Runtime. <see cref="Run"/> checks inputs against the model's metadata, times the run and maps failures.</summary>
public sealed class LoadedModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ModelMetrics _metrics;
    private readonly ILogger _logger;

    internal LoadedModel(ModelEntry entry, InferenceSession session, long estimatedBytes, TimeSpan loadTime, ModelMetrics metrics, ILogger logger)
    {
        Entry = entry;
        _session = session;
        EstimatedBytes = estimatedBytes;
        LoadTime = loadTime;
        _metrics = metrics;
        _logger = logger;
    }

    public ModelEntry Entry { get; }

    public long EstimatedBytes { get; }

    public TimeSpan LoadTime { get; }

    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => _session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => _session.OutputMetadata;

    /// <summary>True when the first input's batch dimension is dynamic, so several items can run at once.</summary>
    public bool Batches => _session.InputMetadata.Values.First().Dimensions is [-1, ..];

    /// <summary>
    /// Runs the model. Inputs whose shape or element type do not fit the model are <c>ML_4004</c>; a failure inside ONNX
    /// Runtime is <c>ML_4002</c>. Each run is recorded in the metrics and as one debug log line.
    /// </summary>
    public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyCollection<NamedOnnxValue> inputs)
    {
        var batch = Validate(inputs);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = _session.Run(inputs);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _metrics.Ran(Entry.Id, elapsed, batch);
            _logger.LogDebug("Inference {Model} batch {BatchSize} took {DurationMs:F1} ms", Entry.Id, batch, elapsed);
            return results;
        }
        catch (OnnxRuntimeException e)
        {
            _logger.LogError(e, "Inference {Model} failed", Entry.Id);
            throw new DrapeException(ErrorCodes.InferenceFailed, 500, $"Model '{Entry.Name}' failed to run.",
                new Dictionary<string, object?> { ["model"] = Entry.Id }, e);
        }
    }

    private int Validate(IReadOnlyCollection<NamedOnnxValue> inputs)
    {
        var batch = 1;
        foreach (var (name, meta) in _session.InputMetadata)
        {
            var input = inputs.FirstOrDefault(i => i.Name == name) ?? throw BadInput($"input '{name}' is missing");
            (Type Type, int[] Dims)? tensor = input.Value switch
            {
                Tensor<float> t => (typeof(float), t.Dimensions.ToArray()),
                Tensor<int> t => (typeof(int), t.Dimensions.ToArray()),
                Tensor<long> t => (typeof(long), t.Dimensions.ToArray()),
                Tensor<byte> t => (typeof(byte), t.Dimensions.ToArray()),
                _ => null,
            };
            if (tensor is not { } info)
            {
                throw BadInput($"input '{name}' is not a float, int or byte tensor");
            }

            if (info.Type != meta.ElementType)
            {
                throw BadInput($"input '{name}' must be {meta.ElementType.Name}, not {info.Type.Name}");
            }

            var dims = info.Dims;
            var expected = meta.Dimensions;
            if (dims.Length != expected.Length || dims.Where((d, i) => expected[i] >= 0 && expected[i] != d).Any())
            {
                throw BadInput($"input '{name}' has shape [{string.Join(", ", dims)}], expected [{string.Join(", ", expected)}]");
            }

            batch = dims.Length > 0 ? dims[0] : 1;
        }

        return batch;
    }

    private DrapeException BadInput(string why) =>
        new(ErrorCodes.BadInput, 422, $"Model '{Entry.Name}': {why}.", new Dictionary<string, object?> { ["model"] = Entry.Id });

    public void Dispose() => _session.Dispose();
}
