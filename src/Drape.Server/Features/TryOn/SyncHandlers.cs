using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Server.Data;
using System.Security.Claims;
using Drape.Server.Jobs;
using Drape.Server.Security;
using Drape.Server.Storage;
using Drape.Server.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Drape.Server.Features.TryOn;

internal static class SyncHandlers
{
    /// <summary>Runs the engine in the request, within the job time limit; JSON, or the image for an image Accept header.</summary>
    public static async Task<Results<Ok<SyncTryOnResponse>, FileContentHttpResult>> ProcessTryOn(
        HttpRequest request,
        TryOnRequestReader reader,
        TryOnRunner runner,
        FileUrlSigner signer,
        IBlobStore blobs,
        TimeProvider time,
        IOptions<JobOptions> jobs,
        IOptions<UploadOptions> uploads,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var tryOn = await reader.ReadSingleAsync(request, allowWebhook: false, cancellationToken);
        using var person = tryOn.Person.Decode(uploads.Value.Limits);
        using var garment = tryOn.Garments[0].Decode(uploads.Value.Limits);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(jobs.Value.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var key = BlobKeys.Result(Guid.CreateVersion7(time.GetUtcNow()), "png");
        TryOnRunner.Outcome outcome;
        try
        {
            outcome = await Task.Run(() => runner.RunAsync(tryOn.Engine, person.Bitmap, garment.Bitmap, TryOnCategories.Parse(tryOn.Categories[0]), tryOn.Seed, tryOn.Description, key, null, user.UserId(), null, linked.Token, tryOn.Garments[0].SourceId, tryOn.Person.SourceId), linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new DrapeException(ErrorCodes.JobTimedOut, 504, $"The try-on ran longer than its limit of {jobs.Value.TimeoutSeconds} s.");
        }

        using (outcome)
        {
            var result = outcome.Output;
            var accept = request.GetTypedHeaders().Accept;
            var wants = accept.OrderByDescending(a => a.Quality ?? 1).Select(a => a.MediaType.Value).FirstOrDefault(m => m is "image/png" or "image/jpeg" or "application/json" or "*/*");
            if (wants is "image/png" or "image/jpeg")
            {
                request.HttpContext.Response.Headers["X-Drape-Result-Id"] = result.ResultId.ToString();
                var bytes = wants == "image/png" ? await blobs.ReadAllBytesAsync(result.BlobKey, cancellationToken) ?? throw new DrapeException(ErrorCodes.Storage, 500, "The result could not be read back.") : ImageEncoding.EncodeJpeg(outcome.Image);
                return TypedResults.File(bytes, wants);
            }

            return TypedResults.Ok(new SyncTryOnResponse(result.ResultId, signer.SignUrl(result.BlobKey, request), result.Width, result.Height, result.DurationMs, result.Engine, result.Category, result.Degraded, result.DegradedReason));
        }
    }

    public static async Task<Accepted<BatchView>> ProcessTryOnBatch(HttpRequest request, TryOnRequestReader reader, TryOnSessions sessions, SessionViews views, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tryOn = await reader.ReadBatchAsync(request, cancellationToken);
        var (batchId, jobs) = await sessions.CreateBatchAsync(tryOn, user.UserId(), cancellationToken);
        var view = Aggregate(batchId, jobs, views, request);
        return TypedResults.Accepted(view.StatusUrl, view);
    }

    public static async Task<Ok<BatchView>> GetBatch(string id, DrapeDbContext db, SessionViews views, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        var batchId = SessionHandlers.ParseId(id);
        var jobs = (await db.Jobs.AsNoTracking().Where(j => j.BatchId == batchId).OrderBy(j => j.CreatedAt).ToListAsync(cancellationToken))
            .Where(j => user.MaySee(j.UserId)).ToList();
        return jobs.Count == 0 ? throw DrapeException.NotFound("The batch") : TypedResults.Ok(Aggregate(batchId, jobs, views, request));
    }

    /// <summary>processing until every session ends; then completed (all), failed (all failed) or partial.</summary>
    private static BatchView Aggregate(Guid batchId, List<Job> jobs, SessionViews views, HttpRequest request)
    {
        var counts = jobs.GroupBy(j => j.Status.ToWire()).ToDictionary(g => g.Key, g => g.Count());
        var status = !jobs.All(j => j.Status.IsTerminal()) ? "processing"
            : jobs.All(j => j.Status == JobStatus.Completed) ? "completed"
            : jobs.All(j => j.Status == JobStatus.Failed) ? "failed"
            : "partial";
        return new BatchView(batchId, status, counts, jobs.Select(j => views.From(j, request)).ToList(), $"/api/v1/tryon/batches/{batchId}");
    }
}
