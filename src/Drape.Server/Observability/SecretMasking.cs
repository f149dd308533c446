using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Drape.Server.Observability;

/// <summary>
/// Masks secrets in every log property before it is written: bearer tokens and anything shaped like a JWT,
/// URL signatures (<c>sig=</c>), passwords in connection strings, and the configured secret values themselves.
/// </summary>
public sealed partial class SecretMasking(IEnumerable<string?> knownSecrets) : ILogEventEnricher
{
    private const string Mask = "***";
    private readonly string[] _secrets = knownSecrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 8).Select(s => s!).ToArray();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && MaskText(text) is var masked && !ReferenceEquals(masked, text))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
            }
        }
    }

    public string MaskText(string text)
    {
        var masked = Jwt().Replace(text, Mask);
        masked = Bearer().Replace(masked, "Bearer " + Mask);
        masked = Signature().Replace(masked, "sig=" + Mask);
        masked = Password().Replace(masked, m => m.Groups[1].Value + Mask);
        foreach (var secret in _secrets)
        {
            masked = masked.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return masked == text ? text : masked;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"sig=[A-Za-z0-9_%-]+")]
    private static partial Regex Signature();

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)[^;""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Password();
}
