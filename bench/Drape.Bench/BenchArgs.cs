using System.Globalization;

namespace Drape.Bench;

/// <summary>The scenarios' command-line options (<c>--name value</c>).</summary>
internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    public static string? String(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
