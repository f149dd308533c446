using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Drape.Server.Data;
using Drape.Server.Errors;
using Drape.Server.Security;
using Drape.Vision.Skin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.Wardrobe;

/// <summary>A user's preferences as stored and sent (the seed's <c>user_preferences</c>).</summary>
public sealed record PreferencesView(string? Palette, IReadOnlyDictionary<string, string> Sizes, IReadOnlyList<string> Styles, DateTime? UpdatedAt);

/// <summary><c>PUT /api/v1/users/me/preferences</c>: the whole document (unknown fields refused).</summary>
public sealed class PreferencesInput
{
    /// <summary>One of the 12 skin-tone categories (checked against <see cref="SeasonalPalettes.Categories"/>).</summary>
    public string? Palette { get; init; }

    /// <summary>Keys top, bottom, dress, shoes; values like "M", "32/34", "EU 40".</summary>
    public Dictionary<string, string>? Sizes { get; init; }

    [MaxLength(10)]
    public List<string>? Styles { get; init; }
}

internal static class PreferencesHandlers
{
    private static readonly string[] SizeKeys = ["top", "bottom", "dress", "shoes"];

    public static async Task<Ok<PreferencesView>> Get(ClaimsPrincipal user, DrapeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var row = await db.UserPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return TypedResults.Ok(row is null ? new PreferencesView(null, new Dictionary<string, string>(), [], null) : View(row));
    }

    public static async Task<Ok<PreferencesView>> Put(HttpRequest request, ClaimsPrincipal user, DrapeDbContext db, TextSanitizer text, TimeProvider time, CancellationToken cancellationToken)
    {
        var input = await JsonBody.ReadAsync<PreferencesInput>(request, cancellationToken);
        var errors = new Validation();
        if (input.Palette is not null && !SeasonalPalettes.Categories.Contains(input.Palette))
        {
            errors.Add("palette", $"must be one of {string.Join(", ", SeasonalPalettes.Categories)}");
        }

        foreach (var key in (input.Sizes ?? []).Keys.Where(k => !SizeKeys.Contains(k)))
        {
            errors.Add($"sizes.{key}", "is not a size kind (top, bottom, dress, shoes)");
        }

        var sizes = (input.Sizes ?? []).ToDictionary(p => p.Key, p => text.Clean(p.Value).Trim(), StringComparer.Ordinal);
        foreach (var (key, value) in sizes.Where(p => p.Value.Length is 0 or > 20))
        {
            errors.Add($"sizes.{key}", "must be 1 to 20 characters");
        }

        var styles = (input.Styles ?? []).Select(s => text.Clean(s).Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (styles.Any(s => s.Length > 30))
        {
            errors.Add("styles", "each at most 30 characters");
        }

        errors.ThrowIfInvalid();
        var userId = user.UserId()!;
        var row = await db.UserPreferences.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new UserPreferences { UserId = userId };
            db.UserPreferences.Add(row);
        }

        (row.Palette, row.Sizes, row.Styles, row.UpdatedAt) = (input.Palette, sizes, styles, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(row));
    }

    private static PreferencesView View(UserPreferences p) => new(p.Palette, p.Sizes, p.Styles, p.UpdatedAt);
}
