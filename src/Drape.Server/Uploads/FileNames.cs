using System.Text;
using Drape.Errors;

namespace Drape.Server.Uploads;

/// <summary>Seed FileValidator.sanitize_filename: no path parts, no control or odd characters, bounded length.</summary>
public static class FileNames
{
    private const int MaxLength = 100;

    /// <summary>
    /// Keeps the last path segment and only letters, digits, '.', '-', '_' and spaces. A name with nothing usable
    /// left (e.g. <c>..</c>) gives <c>null</c>; a missing name gives <c>upload</c>.
    /// </summary>
    public static string? Sanitize(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return "upload";
        }

        var lastSegment = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var builder = new StringBuilder(Math.Min(lastSegment.Length, MaxLength));
        foreach (var c in lastSegment)
        {
            if (builder.Length == MaxLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ' ')
            {
                builder.Append(c);
            }
            else if (!char.IsControl(c))
            {
                builder.Append('_');
            }
        }

        var clean = builder.ToString().Trim().Trim('.');
        return clean.Length == 0 || clean.All(c => c == '_') ? null : clean;
    }

    /// <summary>Like <see cref="Sanitize"/>, but a name with nothing usable is 400 <c>VAL_2005</c>.</summary>
    public static string SanitizeOrThrow(string? fileName, string field) =>
        Sanitize(fileName) ?? throw new DrapeException(ErrorCodes.InvalidFilename, 400, $"The filename of {field} is not usable.", new Dictionary<string, object?> { ["field"] = field });
}
