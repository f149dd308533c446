using System.Security.Claims;

namespace Drape.Server.Security;

/// <summary>The caller as the API sees it: <c>sub</c> is the user id; a <c>role</c> claim of <c>admin</c> grants admin.</summary>
public static class CallerExtensions
{
    public static string? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst("sub")?.Value : null;

    public static bool IsAdmin(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindAll("role").Any(c => c.Value == "admin");

    /// <summary>Whether the caller may see a resource owned by <paramref name="ownerId"/> (null = anonymous, reachable by its id alone).</summary>
    public static bool MaySee(this ClaimsPrincipal user, string? ownerId) =>
        ownerId is null || ownerId == user.UserId() || user.IsAdmin();
}
