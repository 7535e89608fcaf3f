using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;
using Lanyard.Core.Policy;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard policy apply FILE | show ENV | diff FILE | history ENV</c>. A file is checked here
/// before anything is sent: an invalid one prints every error as FILE:LINE:COLUMN and exits 2.
/// </summary>
internal static class PolicyCommand
{
    private static readonly Column[] ChangeColumns = [Column.Of("KEY", "key"), Column.Of("BEFORE", "before"), Column.Of("AFTER", "after")];

    private static readonly Column[] HistoryColumns =
        [Column.Of("VERSION", "version"), Column.Time("APPLIED", "appliedAt"), Column.Of("BY", "appliedBy"), Column.Of("DIGEST", "digest")];

    public static Command Create()
    {
        var command = new Command("policy", "Environment policies: which credentials are issued, for how long, and to whom");
        var file = new Argument<FileInfo>("FILE") { Description = "A policy file (YAML); its 'environment' key names the environment" };
        var environment = new Argument<string>("ENV") { Description = "The environment" };

        var apply = new Command("apply", "Validate a policy file and make it the environment's policy in force") { file };
        apply.SetServerAction(async (parse, api, ct) =>
        {
            var (text, policy) = ReadFile(parse.GetValue(file)!);
            var applied = await SendAsync(api, HttpMethod.Put, $"/v1/policies/{CommandActions.Segment(policy.Environment)}", text, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(applied);
                return ExitCodes.Ok;
            }

            var changed = applied?["changed"]?.GetValue<bool>() == true;
            Console.WriteLine(changed
                ? $"Applied version {applied!["version"]} of the policy of {policy.Environment}."
                : $"The policy of {policy.Environment} is version {applied?["version"]} already; nothing changed.");
            PrintChanges(applied?["changes"]);
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show the policy in force in an environment") { environment };
        show.SetServerAction(async (parse, api, ct) =>
        {
            var env = parse.GetValue(environment)!;
            var current = await api.GetAsync($"/v1/policies/{CommandActions.Segment(env)}", ct);
            if (parse.Format() == "json")
            {
                Printer.Json(current);
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Policy of {env}: version {current?["version"]}, applied "
                + $"{Column.Text(current?["appliedAt"])} by {current?["appliedBy"]}");
            var settings = new JsonArray((current?["settings"]?.AsObject() ?? [])
                .Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value?.DeepClone() }).ToArray());
            Printer.List(settings, "table", [Column.Of("SETTING", "key"), Column.Of("VALUE", "value")]);
            return ExitCodes.Ok;
        });

        var diff = new Command("diff", "Show what applying a policy file would change, changing nothing") { file };
        diff.SetServerAction(async (parse, api, ct) =>
        {
            var (text, policy) = ReadFile(parse.GetValue(file)!);
            var changes = await SendAsync(api, HttpMethod.Post,
                $"/v1/policies/{CommandActions.Segment(policy.Environment)}/diff", text, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(changes);
                return ExitCodes.Ok;
            }

            PrintChanges(changes?["changes"]);
            return ExitCodes.Ok;
        });

        var history = new Command("history", "List every policy version applied to an environment, newest first") { environment };
        history.SetServerAction(async (parse, api, ct) =>
        {
            var versions = await api.GetAsync($"/v1/policies/{CommandActions.Segment(parse.GetValue(environment)!)}/history", ct);
            Printer.List(versions, parse.Format(), HistoryColumns);
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(apply);
        command.Subcommands.Add(show);
        command.Subcommands.Add(diff);
        command.Subcommands.Add(history);
        return command;
    }

    /// <summary>The file's text and policy; every error of an invalid file is printed as FILE:LINE:COLUMN.</summary>
    private static (string Text, EnvironmentPolicy Policy) ReadFile(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: {e.Message}", ExitCodes.BadInput);
        }

        var read = PolicyReader.Read(text);
        if (read.Succeeded)
        {
            return (text, read.Policy!);
        }

        foreach (var error in read.Errors)
        {
            Console.Error.WriteLine($"{file}:{error.Line}:{error.Column}: {error.Message}");
        }

        throw new CliException(
            $"{file} has {read.Errors.Count} error{(read.Errors.Count == 1 ? "" : "s")}; nothing was applied", ExitCodes.BadInput);
    }

    private static Task<JsonNode?> SendAsync(ApiClient api, HttpMethod method, string path, string text, CancellationToken ct) =>
        api.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent(text, Encoding.UTF8, new MediaTypeHeaderValue("application/yaml")),
        }, ct);

    private static void PrintChanges(JsonNode? changes)
    {
        if (changes is not JsonArray { Count: > 0 })
        {
            Console.WriteLine("No settings change.");
            return;
        }

        Printer.List(changes, "table", ChangeColumns);
    }
}
