using System.Threading.Channels;

namespace Drape.Vision.Models;

/// <summary>
/// Gathers single requests into batches for a model with a batch dimension: the first waiting item starts a batch,
/// which closes at <c>maxBatch</c> items or after <c>maxWait</c>, whichever comes first. A bounded channel applies
/// back-pressure. One batch runs at a time; each caller gets its own result or its own exception.
/// </summary>
public sealed class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> _run;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxWait;
    private readonly Channel<Request> _queue;
    private readonly Task _loop;

    public MicroBatcher(Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> run, int maxBatch, TimeSpan maxWait, int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _run = run;
        _maxBatch = maxBatch;
        _maxWait = maxWait;
        _queue = Channel.CreateBounded<Request>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(LoopAsync);
    }

    public async Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken = default)
    {
        var request = new Request(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(request, cancellationToken);
        return await request.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Request>(_maxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            if (!reader.TryRead(out var first))
            {
                continue;
            }

            batch.Add(first);
            if (_maxBatch > 1)
            {
                using var window = new CancellationTokenSource(_maxWait);
                try
                {
                    while (batch.Count < _maxBatch)
                    {
                        if (reader.TryRead(out var next))
                        {
                            batch.Add(next);
                        }
                        else if (!await reader.WaitToReadAsync(window.Token))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The wait window closed: run what we have.
                }
            }

            Run(batch);
        }
    }

    private void Run(List<Request> batch)
    {
        try
        {
            var results = _run(batch.Select(r => r.Item).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var request in batch)
            {
                request.Result.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Request(TItem Item, TaskCompletionSource<TResult> Result);
}
