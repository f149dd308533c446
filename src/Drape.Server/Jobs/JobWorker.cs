using Drape.Errors;
using Drape.Server.Data;
using Microsoft.Extensions.Options;

namespace Drape.Server.Jobs;

/// <summary>
/// <c>Drape:Workers:Count</c> loops that claim jobs and run their handlers. While a job runs, a heartbeat renews its
/// lease, persists progress and watches for a cancel request; a run past <c>TimeoutSeconds</c> fails with
/// <c>ML_4005</c>; on shutdown the job is handed back so another worker takes it at once.
/// </summary>
public sealed class JobWorker(
    IServiceScopeFactory scopes,
    JobSignals signals,
    IOptions<JobOptions> options,
    IOptions<WorkerOptions> workers,
    TimeProvider time,
    ILogger<JobWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = workers.Value.Count;
        logger.LogInformation("Starting {Count} job worker(s)", count);
        return Task.WhenAll(Enumerable.Range(0, count).Select(i => LoopAsync($"{Environment.MachineName}:{Environment.ProcessId}:{i}", stoppingToken)));
    }

    private async Task LoopAsync(string workerId, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                ran = await RunOneAsync(workerId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Worker {Worker} failed a round; continuing", workerId);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }

            if (!ran)
            {
                await signals.WaitForQueuedAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), time, stoppingToken);
            }
        }
    }

    /// <summary>Claims and runs one job; false when there was none.</summary>
    public async Task<bool> RunOneAsync(string workerId, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var job = await queue.TryClaimAsync(workerId, stoppingToken);
        if (job is null)
        {
            return false;
        }

        // The handler gets a scope (and database context) of its own: one that overruns its time limit may still be
        // running while this loop records the failure.
        await using var handlerScope = scopes.CreateAsyncScope();
        var handler = handlerScope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        if (handler is null)
        {
            await queue.FailAsync(job, workerId, new DrapeException(ErrorCodes.Internal, 500, $"No handler for jobs of kind '{job.Kind}'."), CancellationToken.None);
            return true;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        using var canceled = new CancellationTokenSource();
        using var lost = new CancellationTokenSource();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token, canceled.Token, lost.Token);
        using var stopHeartbeat = new CancellationTokenSource();
        var progress = new JobProgress();
        var heartbeat = HeartbeatAsync(job, workerId, progress, canceled, lost, stopHeartbeat.Token);
        try
        {
            // WaitAsync: the time limit and a cancel hold even when an engine does not watch its token (its late work is
            // dropped: the job's result is kept only under a lease this worker still holds).
            var output = await Task.Run(() => handler.RunAsync(job, progress, run.Token), run.Token).WaitAsync(run.Token);
            await queue.CompleteAsync(job, workerId, output, CancellationToken.None);
        }
        catch (Exception e) when ((lost.IsCancellationRequested && e is OperationCanceledException) || e is JobLeaseLostException)
        {
            logger.LogWarning("Job {JobId}: lease lost by {Worker}; abandoning the run", job.Id, workerId);
        }
        catch (OperationCanceledException) when (canceled.IsCancellationRequested)
        {
            await queue.CancelledAsync(job, workerId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await queue.FailAsync(job, workerId, new DrapeException(ErrorCodes.JobTimedOut, 504,
                $"The job ran longer than its limit of {options.Value.TimeoutSeconds} s."), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await queue.ReleaseAsync(job, workerId, CancellationToken.None);
        }
        catch (DrapeException e)
        {
            await queue.FailAsync(job, workerId, e, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", job.Id);
            await queue.FailAsync(job, workerId, DrapeException.Inference("The job failed while running.", e), CancellationToken.None);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }

        return true;
    }

    private async Task HeartbeatAsync(Job job, string workerId, JobProgress progress, CancellationTokenSource canceled, CancellationTokenSource lost, CancellationToken stop)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Min(1000, options.Value.LeaseSeconds * 1000 / 3));
        var reported = -1;
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop);
                var current = progress.Value;
                var (owned, cancelRequested) = await queue.HeartbeatAsync(job.Id, workerId, current != reported ? current : null, stop);
                reported = current;
                if (!owned)
                {
                    await lost.CancelAsync();
                    return;
                }

                if (cancelRequested)
                {
                    await canceled.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Heartbeat of job {JobId} failed; retrying", job.Id);
            }
        }
    }
}
