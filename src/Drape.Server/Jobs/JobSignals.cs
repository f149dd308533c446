namespace Drape.Server.Jobs;

/// <summary>
/// In-process wake-ups: workers wake when a job is queued, event streams when a job changes. Other processes
/// are covered by polling (workers every <c>PollMilliseconds</c>, streams every 500 ms).
/// </summary>
public sealed class JobSignals
{
    private TaskCompletionSource _queued = NewSource();
    private TaskCompletionSource _changed = NewSource();

    public void Queued() => Interlocked.Exchange(ref _queued, NewSource()).TrySetResult();

    public void Changed() => Interlocked.Exchange(ref _changed, NewSource()).TrySetResult();

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
