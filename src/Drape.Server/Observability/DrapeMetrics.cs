using System.Diagnostics.Metrics;

namespace Drape.Server.Observability;

/// <summary>Drape's own instruments (meter <c>Drape</c>), exported with ASP.NET Core's at <c>/metrics</c>.</summary>
public sealed class DrapeMetrics
{
    public const string MeterName = "Drape";

    private readonly Histogram<double> _engineDuration;
    private readonly Counter<long> _jobsFinished;
    private readonly Counter<long> _jobsCreated;

    public DrapeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _engineDuration = meter.CreateHistogram<double>("drape.engine.duration", "ms", "Engine run duration");
        _jobsFinished = meter.CreateCounter<long>("drape.jobs.finished", description: "Jobs that reached a terminal state, by kind and status");
        _jobsCreated = meter.CreateCounter<long>("drape.jobs.created", description: "Jobs created, by kind");
        meter.CreateObservableGauge("drape.jobs.queue_depth", () => QueueDepth, description: "Jobs waiting to be claimed");
        meter.CreateObservableGauge("drape.jobs.processing", () => Processing, description: "Jobs being processed");
    }

    /// <summary>Refreshed by the health sampler; read by the gauges.</summary>
    public long QueueDepth { get; set; }

    public long Processing { get; set; }

    public void EngineRan(string engine, string category, double milliseconds) =>
        _engineDuration.Record(milliseconds, new KeyValuePair<string, object?>("engine", engine), new KeyValuePair<string, object?>("category", category));

    public void JobCreated(string kind) => _jobsCreated.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void JobFinished(string kind, string status) =>
        _jobsFinished.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", status));
}
