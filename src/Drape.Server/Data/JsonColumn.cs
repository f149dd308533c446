using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Drape.Server.Data;

/// <summary>A small value (tags, colours, sizes) stored as JSON text in one column, compared by content.</summary>
internal static class JsonColumn<T>
    where T : class, new()
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static ValueConverter<T, string> Converter { get; } = new(
        value => JsonSerializer.Serialize(value, Options),
        text => JsonSerializer.Deserialize<T>(text, Options) ?? new T());

    public static ValueComparer<T> Comparer { get; } = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!);
}
