using Drape.Server.Data;

namespace Drape.Server.Jobs;

/// <summary>Does the work of one job kind. Throw <see cref="Drape.Errors.DrapeException"/> to fail with a code.</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>Returns the job's output JSON. Report 0–100 at checkpoints; honour the token (cancel, timeout, shutdown).</summary>
    Task<string> RunAsync(Job job, IProgress<int> progress, CancellationToken cancellationToken);
}

/// <summary>Progress a worker's heartbeat reads and persists; reported synchronously from any thread.</summary>
public sealed class JobProgress : IProgress<int>
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Report(int value) => Volatile.Write(ref _value, Math.Clamp(value, 0, 100));
}
