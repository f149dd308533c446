using System.Security.Claims;
using Drape.Errors;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.Wardrobe;

internal static class WardrobeHandlers
{
    /// <summary>A user's garments, newest first, filtered by category, colour name or tag; another user's wardrobe is 403 unless admin.</summary>
    public static async Task<Ok<Page<GarmentView>>> List(
        string userId, string? cursor, int? limit, string? category, string? colour, string? tag,
        ClaimsPrincipal user, DrapeDbContext db, GarmentViews views, HttpRequest request, CancellationToken cancellationToken)
    {
        EnsureMayRead(userId, user);
        var errors = new Validation();
        var after = WardrobeCursor.Parse(cursor, errors);
        var take = WardrobeCursor.Limit(limit, errors);
        if (category is not null and not ("upper" or "lower" or "dress"))
        {
            errors.Add("category", "must be upper, lower or dress");
        }

        errors.ThrowIfInvalid();
        var query = db.Garments.AsNoTracking().Where(g => g.UserId == userId);
        if (category is not null)
        {
            query = query.Where(g => g.Category == category);
        }

        if (colour is not null)
        {
            var name = colour.Trim().ToLowerInvariant();
            query = query.Where(g => g.PrimaryColour == name);
        }

        if (after is { } c)
        {
            query = query.Where(g => g.CreatedAt < c.CreatedAt || (g.CreatedAt == c.CreatedAt && g.Id.CompareTo(c.Id) < 0));
        }

        var wantedTag = tag?.Trim().ToLowerInvariant();
        var rows = new List<Garment>();
        await foreach (var garment in query.OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (wantedTag is null || garment.Tags.Contains(wantedTag))
            {
                rows.Add(garment);
                if (rows.Count > take)
                {
                    break;
                }
            }
        }

        var next = rows.Count > take ? new WardrobeCursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new Page<GarmentView>(rows.Take(take).Select(g => views.From(g, request)).ToList(), next));
    }

    /// <summary>Someone else's collection is 403 <c>AUTH_1004</c> (unless admin); the caller's own is always readable.</summary>
    internal static void EnsureMayRead(string ownerId, ClaimsPrincipal user)
    {
        if (ownerId != user.UserId() && !user.IsAdmin())
        {
            throw new DrapeException(ErrorCodes.AuthForbidden, 403, "You may only read your own collection.");
        }
    }
}
