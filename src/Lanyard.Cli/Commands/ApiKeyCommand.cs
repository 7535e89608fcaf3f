using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard apikey issue IDENTITY [--ttl 30d]</c>: a workload API key, shown once.</summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var command = new Command("apikey", "API keys for workloads");
        var identity = CommonOptions.Id("IDENTITY", "The identity the key is for (its id)", "lanyard identity list");
        var ttl = new Option<string?>("--ttl") { Description = "How long the key lives, such as 12h, 30d or 2w (default 30d)" };

        var issue = new Command("issue", "Issue an API key; it is shown this once and stored only as a hash") { identity, ttl };
        issue.SetServerAction(async (parse, api, ct) =>
        {
            var path = $"/v1/identities/{CommandActions.Segment(parse.GetValue(identity)!)}/apikeys";
            var issued = await api.PostAsync(path, new { ttl = parse.GetValue(ttl) }, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(issued);
                return ExitCodes.Ok;
            }

            var credential = issued?["credential"];
            Printer.Secret("API key", issued?["key"]?.GetValue<string>() ?? "",
                $"credential {credential?["id"]} in {credential?["environment"]}, expires {credential?["expiresAt"]}");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(issue);
        return command;
    }
}
