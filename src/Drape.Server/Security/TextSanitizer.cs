using Ganss.Xss;

namespace Drape.Server.Security;

/// <summary>
/// Free text from clients (descriptions, later names, tags, prompts): all HTML removed with HtmlSanitizer (no tag
/// is allowed; the text inside harmless tags is kept, scripts and styles go whole), control characters dropped,
/// whitespace trimmed. What is stored and echoed is this text.
/// </summary>
public sealed class TextSanitizer
{
    private readonly HtmlSanitizer _sanitizer = NoTags();

    public string Clean(string text)
    {
        var withoutControls = new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray());
        var plain = System.Net.WebUtility.HtmlDecode(_sanitizer.Sanitize(withoutControls));

        // Decoding turns "&lt;b&gt;" back into "<b>"; a second pass keeps such text from becoming markup.
        return (plain.Contains('<', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(_sanitizer.Sanitize(plain)) : plain).Trim();
    }

    private static HtmlSanitizer NoTags()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.KeepChildNodes = true;

        // Keep the words inside harmless tags, but nothing of what scripts, styles and embeds contain.
        sanitizer.RemovingTag += (_, removing) =>
        {
            if (removing.Tag.LocalName is "script" or "style" or "iframe" or "object" or "embed" or "noscript" or "template" or "svg" or "math")
            {
                removing.Tag.InnerHtml = string.Empty;
            }
        };
        return sanitizer;
    }
}
