using System.Security.Claims;
using Drape.Server.Errors;
using Drape.Server.Features.Docs;
using Drape.Server.Security;
using Drape.Server.Security.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drape.Server.Features.Wardrobe;

/// <summary>
/// Garments, wardrobe, avatars, try-on history, preferences and erasure (seed 001). Every route needs a signed-in user:
/// user-owned resources are never anonymous.
/// </summary>
public static class WardrobeApi
{
    public static IServiceCollection AddWardrobe(this IServiceCollection services)
    {
        services.AddSingleton<GarmentViews>();
        services.AddScoped<UserDataEraser>();
        services.AddScoped<Storage.StorageCheck>();
        return services;
    }

    public static IEndpointRouteBuilder MapWardrobeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Wardrobe").RequireAuthorization();
        api.MapPost("/garments/upload", GarmentHandlers.Upload).WithName("UploadGarment")
            .WithSummary("Add a garment: cut out, thumbnail, category (auto from the shape) and colours").WithMultipartForm<GarmentUploadForm>()
            .ProducesErrors(400, 401, 413, 415, 422, 429, 503).WithRateLimit(RateLimitPolicies.Ml);
        api.MapGet("/garments/{id}", GarmentHandlers.Get).WithName("GetGarment").ProducesErrors(401, 404, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapPatch("/garments/{id}", GarmentHandlers.Patch).WithName("UpdateGarment").WithSummary("Change name, tags or category")
            .Accepts<GarmentPatch>("application/json").ProducesErrors(401, 404, 415, 422, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapDelete("/garments/{id}", GarmentHandlers.Delete).WithName("DeleteGarment").WithSummary("The garment and all its images")
            .ProducesErrors(401, 404, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapGet("/wardrobe/{userId}", WardrobeHandlers.List).WithName("GetWardrobe")
            .WithSummary("A user's garments, newest first (?cursor=&limit=≤100&category=&colour=&tag=)").ProducesErrors(401, 403, 422, 429).WithRateLimit(RateLimitPolicies.Read);

        api.MapPost("/avatars", AvatarHandlers.Upload).WithName("UploadAvatar").WithSummary("Save a person photo, usable as person_id")
            .WithMultipartForm<AvatarUploadForm>().ProducesErrors(400, 401, 413, 415, 422, 429, 503).WithRateLimit(RateLimitPolicies.Ml);
        api.MapGet("/avatars", AvatarHandlers.List).WithName("ListAvatars").ProducesErrors(401, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapGet("/avatars/{id}", AvatarHandlers.Get).WithName("GetAvatar").ProducesErrors(401, 404, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapDelete("/avatars/{id}", AvatarHandlers.Delete).WithName("DeleteAvatar").ProducesErrors(401, 404, 429).WithRateLimit(RateLimitPolicies.Read);

        api.MapGet("/tryon/history/{userId}", HistoryHandlers.List).WithName("GetTryOnHistory")
            .WithSummary("A user's try-on results, newest first (?cursor=&limit=≤100)").ProducesErrors(401, 403, 422, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapDelete("/tryon/history/{userId}/{resultId}", HistoryHandlers.Delete).WithName("DeleteTryOnHistoryEntry")
            .ProducesErrors(401, 403, 404, 429).WithRateLimit(RateLimitPolicies.Read);

        api.MapGet("/users/me/preferences", PreferencesHandlers.Get).WithName("GetPreferences").ProducesErrors(401, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapPut("/users/me/preferences", PreferencesHandlers.Put).WithName("PutPreferences").WithSummary("Palette, sizes (top, bottom, dress, shoes), styles")
            .Accepts<PreferencesInput>("application/json").ProducesErrors(401, 415, 422, 429).WithRateLimit(RateLimitPolicies.Read);
        api.MapDelete("/users/me", EraseMe).WithName("EraseMe").WithSummary("Erase every row and file of the caller; answers what was erased, by count")
            .ProducesErrors(401, 429).WithRateLimit(RateLimitPolicies.Read);
        return app;
    }

    private static async Task<Ok<ErasureReport>> EraseMe(ClaimsPrincipal user, UserDataEraser eraser, CancellationToken cancellationToken) =>
        TypedResults.Ok(await eraser.EraseAsync(user.UserId()!, cancellationToken));
}
