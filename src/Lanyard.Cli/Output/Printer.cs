using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Lanyard.Cli.Output;

/// <summary>The one printer every command uses: a table for people, stable JSON for scripts.</summary>
internal static class Printer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    static Printer()
    {
        // Redirected output has no terminal width; wide tables read better than wrapped ones.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240;
        }
    }

    public static void List(JsonNode? items, string format, IReadOnlyList<Column> columns)
    {
        if (format == "json")
        {
            Json(items);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)));
        }

        foreach (var item in items?.AsArray() ?? [])
        {
            table.AddRow(columns.Select(c => Markup.Escape(item is null ? "" : c.Read(item) ?? "-")).ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>One object as a two-column table of its fields, or as JSON.</summary>
    public static void Item(JsonNode? item, string format)
    {
        if (format == "json" || item is not JsonObject obj)
        {
            Json(item);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        foreach (var (key, value) in obj)
        {
            table.AddRow(Markup.Escape(key), Markup.Escape(Column.Text(value) ?? "-"));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>A secret shown once: the value alone on its line so it can be copied, a note on stderr.</summary>
    public static void Secret(string what, string value, string about, string kept = "Lanyard keeps only its hash")
    {
        Console.Error.WriteLine($"New {what} ({about}). It is shown this once; {kept}:");
        Console.Out.WriteLine(value);
    }

    public static void Json(JsonNode? node) => Console.Out.WriteLine(node?.ToJsonString(Indented) ?? "null");

    public static void Error(string message) => Console.Error.WriteLine($"error: {message}");
}
