using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Drape.Errors;
using Drape.Server.Hosting;

namespace Drape.Server.Errors;

/// <summary>
/// Strict JSON request bodies (DESIGN.md §4): snake_case, unknown members rejected, enums by name only, wrong types
/// and data-annotation ranges reported as one 422 <c>VAL_2001</c> with an entry per field. Messages never name .NET
/// types. Endpoints with JSON bodies read them through <see cref="ReadAsync{T}"/>.
/// </summary>
public static partial class JsonBody
{
    private static readonly JsonSerializerOptions Options = JsonConfiguration.Create();

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new DrapeException(ErrorCodes.UnsupportedType, 415, "This endpoint takes application/json.", new Dictionary<string, object?> { ["content_type"] = request.ContentType });
        }

        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw Describe(e).Exception();
        }

        if (body is null)
        {
            throw Validation.Single("body", "is required");
        }

        var errors = new Validation();
        ValidateObject(body, prefix: string.Empty, errors);
        errors.ThrowIfInvalid();
        return body;
    }

    /// <summary>
    /// A JSON-valued form field (e.g. a multipart <c>profile</c>) under the same strict rules as a JSON body; problems
    /// are added to <paramref name="errors"/> as <c>field.member</c> and null is returned.
    /// </summary>
    public static T? ParseField<T>(string json, string field, Validation errors)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            errors.AddAll(Describe(e), field);
            return null;
        }

        if (value is null)
        {
            errors.Add(field, "must be a JSON object");
            return null;
        }

        var problems = new Validation();
        ValidateObject(value, prefix: string.Empty, problems);
        errors.AddAll(problems, field);
        return problems.HasErrors ? null : value;
    }

    /// <summary>Maps a deserialisation failure to the field it is about, in the wire's names.</summary>
    internal static Validation Describe(JsonException error)
    {
        var errors = new Validation();
        if (UnknownMember().Match(error.Message) is { Success: true } unknown)
        {
            // The path already ends at the unknown member ("$.colour").
            var path = FieldOf(error.Path);
            return errors.Add(path.Length > 0 ? path : unknown.Groups[1].Value, "is not a field of this request");
        }

        if (MissingMembers().Match(error.Message) is { Success: true } missing)
        {
            foreach (var name in missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                errors.Add(Join(FieldOf(error.Path), name.Trim('\'', '.')), "is required");
            }

            return errors;
        }

        var field = FieldOf(error.Path);
        return errors.Add(field.Length == 0 ? "body" : field, error.Path is null or "$" ? "is not valid JSON" : "has the wrong type or an unknown value");
    }

    private static void ValidateObject(object value, string prefix, Validation errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                errors.Add(Join(prefix, JsonNamingPolicy.SnakeCaseLower.ConvertName(member)), Message(result.ErrorMessage));
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var nested = property.GetValue(value);
            var name = Join(prefix, JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            if (nested is null || nested is string || property.PropertyType.IsValueType)
            {
                continue;
            }

            if (nested is IEnumerable items)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null and not string && !item.GetType().IsValueType)
                    {
                        ValidateObject(item, $"{name}[{index}]", errors);
                    }

                    index++;
                }
            }
            else
            {
                ValidateObject(nested, name, errors);
            }
        }
    }

    /// <summary>"The field HeightCm must be between 140 and 220." → "must be between 140 and 220".</summary>
    private static string Message(string? message) =>
        FieldPrefix().Replace(message ?? "is invalid", string.Empty).TrimEnd('.');

    private static string FieldOf(string? path) => (path ?? string.Empty).TrimStart('$').TrimStart('.');

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    [GeneratedRegex(@"The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"missing required properties including: (.+)\.?$")]
    private static partial Regex MissingMembers();

    [GeneratedRegex(@"^The (field )?\w+ (field )?")]
    private static partial Regex FieldPrefix();
}
