using System.Text.Json.Nodes;

namespace Lanyard.Cli.Output;

/// <summary>One column of a table: its header and how to read its cell from a JSON item.</summary>
internal sealed record Column(string Header, Func<JsonNode, string?> Read)
{
    /// <summary>A column that shows one property as text.</summary>
    public static Column Of(string header, string property) => new(header, item => Text(item[property]));

    /// <summary>A time shown as UTC minutes, or the property's text when it is not a time.</summary>
    public static Column Time(string header, string property) => new(header, item =>
        item[property]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : null);

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value => value.ToString(),
        JsonArray array => string.Join(", ", array.Select(Text)),
        JsonObject obj => string.Join(", ", obj.Select(p => $"{p.Key}={Text(p.Value)}")),
        _ => node.ToJsonString(),
    };
}
