using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Drape.Server.Features.Recommendations.Keywords.Chat;

/// <summary>What the LLM is told and asked for, and how its answer is read back.</summary>
internal static partial class KeywordPrompt
{
    public const int Min = 8;
    public const int Max = 10;

    public const string System = """
        You are a fashion stylist. From the shopper's photo and wardrobe (the collage) and their colour palette, suggest
        shopping search keywords: each is 2 to 5 words naming a colour and a garment, like "emerald wrap dress". Prefer the
        palette's best colours, never its avoid colours, and garments the wardrobe lacks. Answer only with JSON.
        """;

    public static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "keywords": { "type": "array", "items": { "type": "string" }, "minItems": 8, "maxItems": 10 }
          },
          "required": ["keywords"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    public static string Context(KeywordRequest request)
    {
        var palette = request.Palette;
        var text = new StringBuilder();
        text.AppendLine($"Skin-tone category: {palette.Category} ({palette.Season}).");
        text.AppendLine($"Best colours (prefer these, in this order): {string.Join(", ", palette.Best.Select(c => c.Name))}.");
        text.AppendLine($"Avoid colours: {string.Join(", ", palette.Avoid.Select(c => c.Name))}.");
        text.AppendLine($"Neutrals: {string.Join(", ", palette.Neutrals.Select(c => c.Name))}. Metals: {string.Join(", ", palette.Metals.Select(c => c.Name))}.");
        text.AppendLine(request.WardrobeCategories.Count == 0 ? "Wardrobe: not given." : $"Wardrobe already has: {string.Join(", ", request.WardrobeCategories)}.");
        if (request.Profile is { } p)
        {
            var parts = new[] { ("gender", p.Gender), ("style", p.Style), ("body type", p.BodyType), ("occasion", p.Occasion) }
                .Where(x => x.Item2 is not null).Select(x => $"{x.Item1}: {x.Item2}").ToList();
            if (p.Budget is { } b)
            {
                parts.Add($"budget: {b.Min?.ToString() ?? "any"}–{b.Max?.ToString() ?? "any"} {b.Currency}");
            }

            if (parts.Count > 0)
            {
                text.AppendLine($"Shopper: {string.Join("; ", parts)}.");
            }
        }

        text.Append($"Return {Min} to {Max} keywords as {{\"keywords\": [...]}}.");
        return text.ToString();
    }

    /// <summary>The cleaned keywords of an answer, or a <see cref="KeywordSourceException"/> saying what was wrong with it.</summary>
    public static IReadOnlyList<string> Parse(string? answer)
    {
        var json = answer?.Trim() ?? string.Empty;
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            json = json.Trim('`').Trim();
            json = json.StartsWith("json", StringComparison.OrdinalIgnoreCase) ? json[4..] : json;
        }

        List<string> raw;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("keywords", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new KeywordSourceException("The LLM's answer has no \"keywords\" array.");
            }

            raw = array.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!).ToList();
        }
        catch (JsonException e)
        {
            throw new KeywordSourceException("The LLM's answer is not JSON.", e);
        }

        var cleaned = raw.Select(Clean).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Take(Max).ToList();
        return cleaned.Count >= Min ? cleaned : throw new KeywordSourceException($"The LLM gave {cleaned.Count} usable keywords; at least {Min} are needed.");
    }

    /// <summary>Lower case, letters, digits, spaces and hyphens only, single spaces, at most 60 characters.</summary>
    internal static string Clean(string keyword)
    {
        var text = Spaces().Replace(NotAllowed().Replace(keyword.ToLowerInvariant(), " "), " ").Trim();
        return text.Length <= 60 ? text : text[..60].TrimEnd();
    }

    [GeneratedRegex("[^a-z0-9 \\-]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
