using System.Diagnostics.Metrics;

namespace Drape.Vision.Models;

/// <summary>Per-model instruments (meter <c>Drape.Models</c>): load time, inference duration and batch size, by model.</summary>
public sealed class ModelMetrics : IDisposable
{
    public const string MeterName = "Drape.Models";

    private readonly Meter _meter;
    private readonly Histogram<double> _load;
    private readonly Histogram<double> _inference;
    private readonly Histogram<int> _batch;

    public ModelMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _load = _meter.CreateHistogram<double>("drape.model.load.duration", "ms", "Time to load a model into ONNX Runtime");
        _inference = _meter.CreateHistogram<double>("drape.model.inference.duration", "ms", "ONNX Runtime inference duration, per run");
        _batch = _meter.CreateHistogram<int>("drape.model.batch.size", "{item}", "Items per inference run");
    }

    /// <summary>Gauges of what is loaded now, read from the manager.</summary>
    internal void Observe(Func<int> loaded, Func<long> bytes)
    {
        _meter.CreateObservableGauge("drape.models.loaded", loaded, description: "Models loaded now");
        _meter.CreateObservableGauge("drape.models.memory", bytes, "By", "Estimated memory of loaded models");
    }

    public void Loaded(string model, double milliseconds) => _load.Record(milliseconds, Tag(model));

    public void Ran(string model, double milliseconds, int batchSize)
    {
        _inference.Record(milliseconds, Tag(model));
        _batch.Record(batchSize, Tag(model));
    }

    private static KeyValuePair<string, object?> Tag(string model) => new("model", model);

    public void Dispose() => _meter.Dispose();
}
