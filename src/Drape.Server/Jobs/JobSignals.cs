namespace Drape.Server.Jobs;

/// <summary>
/// Wake-ups: workers wake when a job is queued, event streams when a job changes. In-process they are immediate; on
/// PostgreSQL they also reach other processes and machines through LISTEN/NOTIFY (<see cref="PostgresJobNotifications"/>);
/// otherwise other processes are covered by polling (workers every <c>PollMilliseconds</c>, streams every 500 ms).
/// </summary>
public sealed class JobSignals
{
    public const string QueuedKind = "queued";
    public const string ChangedKind = "changed";

    /// <summary>Raised for every local signal, so it can be passed on to other nodes.</summary>
    public event Action<string>? Published;

    private TaskCompletionSource _queued = NewSource();
    private TaskCompletionSource _changed = NewSource();

    public void Queued()
    {
        Interlocked.Exchange(ref _queued, NewSource()).TrySetResult();
        Published?.Invoke(QueuedKind);
    }

    public void Changed()
    {
        Interlocked.Exchange(ref _changed, NewSource()).TrySetResult();
        Published?.Invoke(ChangedKind);
    }

    /// <summary>A signal from another node: wakes local waiters without publishing it again.</summary>
    public void FromPeer(string kind)
    {
        ref var source = ref (kind == QueuedKind ? ref _queued : ref _changed);
        Interlocked.Exchange(ref source, NewSource()).TrySetResult();
    }

    public Task WaitForQueuedAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        WaitAsync(Volatile.Read(ref _queued).Task, timeout, time, cancellationToken);

    public Task WaitForChangeAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        WaitAsync(Volatile.Read(ref _changed).Task, timeout, time, cancellationToken);

    private static async Task WaitAsync(Task signal, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // polling interval elapsed
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
