using System.Text.Json;
using Drape.Server.Data;
using Drape.Server.Hosting;
using Drape.Server.Storage;

namespace Drape.Server.Features.TryOn;

/// <summary>Turns a job row into the session JSON, with a freshly signed result URL.</summary>
public sealed class SessionViews(FileUrlSigner signer)
{
    public static readonly JsonSerializerOptions Json = JsonConfiguration.Create();

    public SessionView From(Job job, HttpRequest? request)
    {
        var input = JsonSerializer.Deserialize<TryOnJobInput>(job.Input, Json)!;
        var output = job.Output is null ? null : JsonSerializer.Deserialize<TryOnJobOutput>(job.Output, Json);
        var result = output is null || job.Status != JobStatus.Completed
            ? null
            : new SessionResult(output.ResultId, signer.SignUrl(output.BlobKey, request), output.Width, output.Height, output.DurationMs, output.Category, output.Engine, output.Degraded, output.DegradedReason);
        var error = job.Status is JobStatus.Failed && job.ErrorCode is not null
            ? new SessionError(job.ErrorCode, job.ErrorMessage ?? "The session failed.")
            : null;
        var statusUrl = $"/api/v1/tryon/sessions/{job.Id}";
        return new SessionView(job.Id, job.Status.ToWire(), job.Progress, output?.Category ?? input.Category, output?.Engine ?? input.Engine, result, error,
            job.BatchId, job.CreatedAt, job.UpdatedAt, job.ExpiresAt, statusUrl, statusUrl + "/events");
    }
}
