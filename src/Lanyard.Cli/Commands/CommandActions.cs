using System.CommandLine;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary>Wires a command to a server call, turning failures into a message and an exit code.</summary>
internal static class CommandActions
{
    public static void SetServerAction(this Command command, Func<ParseResult, ApiClient, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ApiClient.Connect(), ct);
            }
            catch (CliException e)
            {
                Printer.Error(e.Message);
                return e.ExitCode;
            }
        });

    public static string Format(this ParseResult parse) => parse.GetValue(CommonOptions.Format) ?? "table";

    /// <summary>Escapes one path segment of a URL.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>Builds a query string from the pairs that have a value.</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var present = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
