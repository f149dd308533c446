using System.Security.Claims;
using Drape.Errors;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Security;
using Drape.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.Wardrobe;

/// <summary>One try-on a user ran: the result (signed URL), what went in, how it ran.</summary>
public sealed record HistoryEntry(
    Guid ResultId,
    Guid? SessionId,
    string ImageUrl,
    Guid? GarmentId,
    Guid? PersonId,
    string Engine,
    string Category,
    long DurationMs,
    int Width,
    int Height,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    bool Degraded,
    string? DegradedReason);

internal static class HistoryHandlers
{
    public static async Task<Ok<Page<HistoryEntry>>> List(
        string userId, string? cursor, int? limit, ClaimsPrincipal user, DrapeDbContext db, FileUrlSigner signer, HttpRequest request, CancellationToken cancellationToken)
    {
        WardrobeHandlers.EnsureMayRead(userId, user);
        var errors = new Validation();
        var after = WardrobeCursor.Parse(cursor, errors);
        var take = WardrobeCursor.Limit(limit, errors);
        errors.ThrowIfInvalid();
        var query = db.TryOnResults.AsNoTracking().Where(r => r.UserId == userId);
        if (after is { } c)
        {
            query = query.Where(r => r.CreatedAt < c.CreatedAt || (r.CreatedAt == c.CreatedAt && r.Id.CompareTo(c.Id) < 0));
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? new WardrobeCursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode() : null;
        var items = rows.Take(take).Select(r => new HistoryEntry(r.Id, r.JobId, signer.SignUrl(r.ResultBlobKey, request), r.GarmentId, r.AvatarId,
            r.Engine, r.Category, r.DurationMs, r.Width, r.Height, r.CreatedAt, r.ExpiresAt, r.DegradedReason != null, r.DegradedReason)).ToList();
        return TypedResults.Ok(new Page<HistoryEntry>(items, next));
    }

    /// <summary>One entry and its result image; 404 when it is not the caller's (or does not exist).</summary>
    public static async Task<NoContent> Delete(string userId, string resultId, ClaimsPrincipal user, DrapeDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        WardrobeHandlers.EnsureMayRead(userId, user);
        if (!Guid.TryParse(resultId, out var id))
        {
            throw DrapeException.NotFound("The history entry");
        }

        var result = await db.TryOnResults.SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId, cancellationToken) ?? throw DrapeException.NotFound("The history entry");
        db.TryOnResults.Remove(result);
        await db.SaveChangesAsync(cancellationToken);
        await blobs.DeleteAsync(result.ResultBlobKey, cancellationToken);
        return TypedResults.NoContent();
    }
}
