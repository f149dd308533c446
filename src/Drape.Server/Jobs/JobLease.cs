namespace Drape.Server.Jobs;

/// <summary>A claimed job and the worker that holds its lease: what a handler shows when it records the job's result.</summary>
public sealed record JobLease(Guid JobId, string Worker);

/// <summary>The worker no longer holds the job (its lease lapsed and another worker took it over): its work is dropped.</summary>
public sealed class JobLeaseLostException(Guid jobId, string worker)
    : Exception($"Worker {worker} no longer holds the lease of job {jobId}.");
