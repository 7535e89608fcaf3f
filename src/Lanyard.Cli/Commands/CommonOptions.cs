using System.CommandLine;

namespace Lanyard.Cli.Commands;

/// <summary>Options shared by every command.</summary>
internal static class CommonOptions
{
    /// <summary><c>--format table|json</c>, on every command.</summary>
    public static readonly Option<string> Format = CreateFormat();

    /// <summary>
    /// An argument that names a record by its id. Anything but a GUID is refused before a request
    /// is sent, with where to find the id: names are unique only within an environment.
    /// </summary>
    /// <param name="name">The argument's name in help, such as <c>IDENTITY</c>.</param>
    /// <param name="description">What it names, for help.</param>
    /// <param name="listedBy">The command that lists the ids, such as <c>lanyard identity list</c>.</param>
    public static Argument<string> Id(string name, string description, string listedBy)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!Guid.TryParse(value, out _))
            {
                result.AddError($"{name} takes an id (a GUID such as 0f8b6c1e-...), not '{value}'; {listedBy} shows the ids.");
            }
        });
        return argument;
    }

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
