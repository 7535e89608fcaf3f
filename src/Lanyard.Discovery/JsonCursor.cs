using System.Text.Json;

using Lanyard.Core.Discovery;

namespace Lanyard.Discovery;

/// <summary>
/// A JSON value together with its path from the document root and its file, so that every read
/// that fails can say exactly where (<c>$.items[12].data["tls.crt"]</c>). Messages never quote values.
/// </summary>
internal readonly record struct JsonCursor(JsonElement Element, string Path, string File)
{
    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    /// <summary>Parses a whole file; malformed JSON becomes an import error with its line.</summary>
    public static JsonDocument Parse(ExportFile file)
    {
        try
        {
            using var stream = file.Open();
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            throw new ImportException(file.Name, $"line {line}", "the file is not valid JSON");
        }
    }

    public static JsonCursor Root(JsonDocument document, string file) => new(document.RootElement, "$", file);

    public ImportException Error(string problem) => new(File, Path, problem);

    /// <summary>The named property, or null when it is absent or JSON null.</summary>
    public JsonCursor? Optional(string name)
    {
        if (!IsObject || !Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return new JsonCursor(value, ChildPath(Path, name), File);
    }

    public JsonCursor Required(string name) =>
        Optional(name) ?? throw new ImportException(File, ChildPath(Path, name), $"the field {name} is missing");

    public string String() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Error("expected a string");

    public string? OptionalString(string name) => Optional(name)?.String();

    public string RequiredString(string name) => Required(name).String();

    public DateTimeOffset Date() =>
        IsoDates.TryParse(String(), out var value) ? value : throw Error("expected an ISO 8601 date and time");

    public DateTimeOffset? OptionalDate(string name) => Optional(name)?.Date();

    /// <summary>The elements of an array, each with its index in the path.</summary>
    public IEnumerable<JsonCursor> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Error("expected an array");
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new JsonCursor(item, $"{Path}[{index}]", File);
            index++;
        }
    }

    /// <summary>The properties of an object whose values are strings, such as labels or secret data.</summary>
    public IEnumerable<(string Name, JsonCursor Value)> Properties()
    {
        if (!IsObject)
        {
            throw Error("expected an object");
        }

        foreach (var property in Element.EnumerateObject())
        {
            yield return (property.Name, new JsonCursor(property.Value, ChildPath(Path, property.Name), File));
        }
    }

    /// <summary>A string map (labels, annotations); empty when absent.</summary>
    public Dictionary<string, string> StringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Optional(name) is { } value)
        {
            foreach (var (key, entry) in value.Properties())
            {
                map[key] = entry.String();
            }
        }

        return map;
    }

    private static string ChildPath(string path, string name) =>
        IsPlainName(name) ? $"{path}.{name}" : $"{path}[\"{name}\"]";

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
