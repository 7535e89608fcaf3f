using System.Text;
using System.Text.Json;

namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// Writes an image configuration back as Dockerfile lines, so the Dockerfile rules read it: the build
/// history (<c>created_by</c>, where BuildKit records <c>ARG</c> values), <c>ENV</c>, <c>LABEL</c>,
/// <c>ENTRYPOINT</c> and <c>CMD</c>. Secrets passed as build arguments or environment variables end up
/// here even when no layer holds them. Findings point at lines of this rendering, path <see cref="PathName"/>.
/// </summary>
internal static class ImageConfigDocument
{
    public const string PathName = "image-config/Dockerfile";

    public static string Render(JsonElement config)
    {
        var text = new StringBuilder();
        if (Property(config, "history") is { ValueKind: JsonValueKind.Array } history)
        {
            foreach (var step in history.EnumerateArray())
            {
                if (Property(step, "created_by") is { ValueKind: JsonValueKind.String } createdBy)
                {
                    text.Append(createdBy.GetString()).Append('\n');
                }
            }
        }

        var runtime = Property(config, "config") ?? Property(config, "container_config");
        if (runtime is not { ValueKind: JsonValueKind.Object } settings)
        {
            return text.ToString();
        }

        foreach (var variable in Strings(Property(settings, "Env")))
        {
            text.Append("ENV ").Append(variable).Append('\n');
        }

        if (Property(settings, "Labels") is { ValueKind: JsonValueKind.Object } labels)
        {
            foreach (var label in labels.EnumerateObject())
            {
                text.Append("LABEL ").Append(label.Name).Append('=').Append(label.Value.ToString()).Append('\n');
            }
        }

        AppendCommand(text, "ENTRYPOINT", Property(settings, "Entrypoint"));
        AppendCommand(text, "CMD", Property(settings, "Cmd"));
        return text.ToString();
    }

    private static void AppendCommand(StringBuilder text, string instruction, JsonElement? command)
    {
        var words = Strings(command).ToList();
        if (words.Count > 0)
        {
            text.Append(instruction).Append(' ').AppendJoin(' ', words).Append('\n');
        }
    }

    private static IEnumerable<string> Strings(JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } items
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)
            : [];

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
