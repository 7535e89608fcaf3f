using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard posture [--env ENV] [--as-of TIME]</c>: the findings; exits 1 when there are any.</summary>
internal static class PostureCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("KIND", "kind"), Column.Of("ENV", "environments"),
        new("OBJECT", f => Column.Text(f["credential"]) ?? Column.Text(f["identity"]) ?? FirstLocation(f)),
        Column.Of("OWNER", "owner"), Column.Time("SINCE", "since"), Column.Of("REASON", "reason"),
    ];

    public static Command Create()
    {
        var env = new Option<string?>("--env") { Description = "Only findings in this environment" };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Evaluate at another moment (ISO 8601), such as next Monday; what was created later is left "
                + "out, and the rest is judged in its current state",
        };
        var command = new Command("posture", "Findings: orphaned, stale, expiring, expired, reused, weak, hardcoded secrets") { env, asOf };
        command.SetServerAction(async (parse, api, ct) =>
        {
            var asOfText = parse.GetValue(asOf);
            if (asOfText is not null
                && !DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                    out _))
            {
                Printer.Error($"--as-of '{asOfText}' is not a time; use ISO 8601, such as 2026-11-15T00:00:00Z.");
                return ExitCodes.BadInput;
            }

            var findings = await api.GetAsync("/v1/findings"
                + CommandActions.Query(("environment", parse.GetValue(env)), ("asOf", asOfText)), ct);
            Printer.List(findings, parse.Format(), Columns);
            return findings?.AsArray().Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A hardcoded secret that no credential matches is shown by where it was found.</summary>
    private static string? FirstLocation(JsonNode finding) =>
        finding["locations"]?.AsArray().FirstOrDefault() is { } location
            ? $"{Column.Text(location["source"])} {Column.Text(location["path"])}:{Column.Text(location["line"])}"
            : null;
}
