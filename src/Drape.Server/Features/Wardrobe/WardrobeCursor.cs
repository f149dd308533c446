using System.Globalization;
using System.Text;
using Drape.Server.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Drape.Server.Features.Wardrobe;

/// <summary>
/// Keyset paging, newest first: a cursor is the last item's (created_at, id), base64url-encoded. A cursor that does not
/// decode is a 422 on <c>cursor</c>; <c>limit</c> is 1–100 (default 20).
/// </summary>
public readonly record struct WardrobeCursor(DateTime CreatedAt, Guid Id)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public string Encode() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.Ticks}:{Id:N}")));

    public static WardrobeCursor? Parse(string? cursor, Validation errors)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and < 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return new WardrobeCursor(new DateTime(ticks, DateTimeKind.Utc), id);
            }
        }
        catch (FormatException)
        {
        }

        errors.Add("cursor", "is not a cursor this API gave out");
        return null;
    }

    public static int Limit(int? limit, Validation errors)
    {
        if (limit is { } value and (< 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be from 1 to {MaxLimit}");
        }

        return limit ?? DefaultLimit;
    }
}
