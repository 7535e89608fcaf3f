using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lanyard.Store.Configuration;

/// <summary>Small collections stored as one JSON text column, compared by content.</summary>
internal static class JsonColumn
{
    public static ValueConverter<T, string> Converter<T>() where T : new() => new(
        value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default),
        text => JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Default) ?? new T());

    public static ValueComparer<T> Comparer<T>() where T : new() => new(
        (left, right) => JsonSerializer.Serialize(left, JsonSerializerOptions.Default)
            == JsonSerializer.Serialize(right, JsonSerializerOptions.Default),
        value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, JsonSerializerOptions.Default),
            JsonSerializerOptions.Default) ?? new T());
}
