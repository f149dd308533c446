using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Drape.Errors;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Jobs;
using Drape.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.TryOn;

internal static class SessionHandlers
{
    public static async Task<Results<Accepted<SessionView>, Ok<SessionView>>> CreateSession(
        HttpRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        TryOnRequestReader reader,
        TryOnSessions sessions,
        SessionViews views,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: 0 or > TryOnSessions.MaxIdempotencyKey } || (idempotencyKey is not null && idempotencyKey.Any(char.IsControl)))
        {
            throw Validation.Single("Idempotency-Key", $"must be 1–{TryOnSessions.MaxIdempotencyKey} printable characters");
        }

        var tryOn = await reader.ReadSingleAsync(request, allowWebhook: true, cancellationToken);
        var (job, replayed) = await sessions.CreateAsync(tryOn, idempotencyKey, user.UserId(), cancellationToken);
        var view = views.From(job, request);
        return replayed ? TypedResults.Ok(view) : TypedResults.Accepted(view.StatusUrl, view);
    }

    public static async Task<Ok<SessionView>> GetSession(string id, DrapeDbContext db, SessionViews views, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(views.From(await FindAsync(id, db, user, cancellationToken), request));

    public static async Task<Accepted<SessionView>> CancelSession(string id, DrapeDbContext db, JobQueue queue, SessionViews views, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        var owned = await FindAsync(id, db, user, cancellationToken);
        var job = await queue.CancelAsync(owned.Id, cancellationToken) ?? throw NotFound();
        var view = views.From(job, request);
        return TypedResults.Accepted(view.StatusUrl, view);
    }

    public static async Task<ServerSentEventsResult<string>> SessionEvents(string id, DrapeDbContext db, SessionViews views, JobSignals signals, TimeProvider time, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        var job = await FindAsync(id, db, user, cancellationToken);
        return TypedResults.ServerSentEvents(Stream(job.Id, db, views, signals, time, request, cancellationToken));
    }

    /// <summary>An event on every change of status or progress, a heartbeat every 15 s, and the end after a terminal state.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Stream(Guid id, DrapeDbContext db, SessionViews views, JobSignals signals, TimeProvider time, HttpRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (string Status, int Progress)? last = null;
        var lastSent = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
            if (job is null)
            {
                yield break; // expired and cleaned up meanwhile
            }

            var current = (job.Status.ToWire(), job.Progress);
            if (last != current)
            {
                last = current;
                lastSent = time.GetUtcNow();
                yield return new SseItem<string>(JsonSerializer.Serialize(views.From(job, request), SessionViews.Json), "status");
            }
            else if (time.GetUtcNow() - lastSent > TimeSpan.FromSeconds(15))
            {
                lastSent = time.GetUtcNow();
                yield return new SseItem<string>("{}", "heartbeat");
            }

            if (job.Status.IsTerminal())
            {
                yield break;
            }

            await signals.WaitForChangeAsync(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    /// <summary>The session, if the caller may see it: its owner (or an admin), or anyone holding the id of an anonymous one. Otherwise 404, never a hint.</summary>
    internal static async Task<Job> FindAsync(string id, DrapeDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var guid = ParseId(id);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == guid && j.Kind == JobKinds.TryOn, cancellationToken);
        return job is not null && user.MaySee(job.UserId) ? job : throw NotFound();
    }

    internal static Guid ParseId(string id) => Guid.TryParse(id, out var guid) ? guid : throw NotFound();

    private static DrapeException NotFound() => DrapeException.NotFound("The try-on session");
}
