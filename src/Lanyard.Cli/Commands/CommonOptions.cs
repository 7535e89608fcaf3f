using System.CommandLine;

namespace Lanyard.Cli.Commands;

/// <summary>Options shared by every command.</summary>
internal static class CommonOptions
{
    /// <summary><c>--format table|json</c>, on every command.</summary>
    public static readonly Option<string> Format = CreateFormat();

    private static Option<string> CreateFormat()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output as a table for people or JSON for scripts",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
