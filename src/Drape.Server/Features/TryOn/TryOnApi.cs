using Drape.Server.Errors;
using Drape.Server.Features.Docs;
using Drape.Server.Security.RateLimits;

namespace Drape.Server.Features.TryOn;

/// <summary>Try-on endpoints (DESIGN.md §4): async sessions with polling, events and cancel; sync; batch.</summary>
public static class TryOnApi
{
    public static IEndpointRouteBuilder MapTryOnApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Try-on");

        api.MapPost("/tryon/sessions", SessionHandlers.CreateSession).WithName("CreateTryOnSession")
            .WithSummary("Start an asynchronous try-on; answers 202 with the session").WithMultipartForm<TryOnForm>()
            .Produces<SessionView>(200).ProducesErrors(400, 409, 413, 415, 422, 429).WithRateLimit(RateLimitPolicies.Ml);
        api.MapGet("/tryon/sessions/{id}", SessionHandlers.GetSession).WithName("GetTryOnSession")
            .WithSummary("A session's status, progress, result URL or error").ProducesErrors(404, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapGet("/tryon/sessions/{id}/events", SessionHandlers.SessionEvents).WithName("TryOnSessionEvents")
            .WithSummary("The session's status changes as server-sent events (event: status), until it ends").ProducesErrors(404, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapDelete("/tryon/sessions/{id}", SessionHandlers.CancelSession).WithName("CancelTryOnSession")
            .WithSummary("Cancel a session; a running one stops at its next checkpoint").ProducesErrors(404, 409, 429).WithRateLimit(RateLimitPolicies.Read);

        api.MapPost("/process-tryon", SyncHandlers.ProcessTryOn).WithName("ProcessTryOn")
            .WithSummary("Synchronous try-on: JSON with a signed URL, or the image itself with Accept: image/png or image/jpeg")
            .WithMultipartForm<TryOnForm>().Produces(200, contentType: "image/png").ProducesErrors(400, 413, 415, 422, 429, 504).WithRateLimit(RateLimitPolicies.Ml);
        api.MapPost("/process-tryon-batch", SyncHandlers.ProcessTryOnBatch).WithName("ProcessTryOnBatch")
            .WithSummary("One person, 1–10 garments: one session per garment").WithMultipartForm<TryOnBatchForm>().ProducesErrors(400, 413, 415, 422, 429).WithRateLimit(RateLimitPolicies.Ml);
        api.MapGet("/tryon/batches/{id}", SyncHandlers.GetBatch).WithName("GetTryOnBatch")
            .WithSummary("A batch's sessions and their aggregate status").ProducesErrors(404, 429).WithRateLimit(RateLimitPolicies.Read);
        return app;
    }
}
