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

    /// <summary>Every error of <paramref name="other"/>, its fields put under <paramref name="prefix"/> (<c>profile.budget</c>).</summary>
    public Validation AddAll(Validation other, string prefix)
    {
        foreach (var (field, messages) in other._fields)
        {
            foreach (var message in messages)
            {
                Add(field is "body" or "" ? prefix : $"{prefix}.{field}", message);
            }
        }

        return this;
    }

    /// <summary>One error for each name that is not in <paramref name="known"/> (unknown fields are refused, DESIGN.md §4).</summary>
    public Validation RejectUnknown(IEnumerable<string> names, IEnumerable<string> known)
    {
        var allowed = known.ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !allowed.Contains(n)))
        {
            Add(name, "is not a field of this endpoint");
        }

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
        var fields = _fields.SelectMany(f => f.Value.Select(message => new FieldError(f.Key, message))).ToArray();
        var details = new Dictionary<string, object?> { ["fields"] = fields };
        return new DrapeException(ErrorCodes.InvalidInput, 422, $"Invalid input. {summary}", details);
    }

    public static DrapeException Single(string field, string message) => new Validation().Add(field, message).Exception();
}

/// <summary>One entry of <c>details.fields</c> in a 422 <c>VAL_2001</c>.</summary>
public sealed record FieldError(string Field, string Message);
