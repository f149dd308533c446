using Drape.Errors;

namespace Drape.Server.Errors;

/// <summary>Collects per-field errors and throws one 422 <c>VAL_2001</c> listing them in <c>details.fields</c>.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    public bool HasErrors => _fields.Count > 0;

    public Validation Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var list))
        {
            _fields[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public void ThrowIfInvalid()
    {
        if (HasErrors)
        {
            throw Exception();
        }
    }

    public DrapeException Exception()
    {
        var summary = string.Join("; ", _fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"));
        var details = new Dictionary<string, object?> { ["fields"] = _fields.ToDictionary(f => f.Key, f => (object?)f.Value.ToArray()) };
        return new DrapeException(ErrorCodes.InvalidInput, 422, $"Invalid input. {summary}", details);
    }

    public static DrapeException Single(string field, string message) => new Validation().Add(field, message).Exception();
}
