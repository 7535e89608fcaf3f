using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard env list | show | create | update | delete</c>.</summary>
internal static class EnvCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("NAME", "name"), Column.Of("TRUST DOMAIN", "trustDomain"),
        Column.Of("STALE AFTER (DAYS)", "staleAfterDays"), Column.Of("RENEWAL WINDOW (DAYS)", "renewalWindowDays"),
    ];

    public static Command Create()
    {
        var command = new Command("env", "Environments: isolation boundaries with their own trust domain and thresholds");
        var name = new Argument<string>("ENV") { Description = "The environment's name" };
        var staleAfter = new Option<int?>("--stale-after-days") { Description = "Unused for longer than this is stale" };
        var renewal = new Option<int?>("--renewal-window-days") { Description = "Certificates this close to expiry are expiring" };
        var trustDomain = new Option<string?>("--trust-domain") { Description = "SPIFFE trust domain (default ENV.lanyard.internal)" };

        var list = new Command("list", "List environments");
        list.SetServerAction(async (parse, api, ct) =>
        {
            Printer.List(await api.GetAsync("/v1/environments", ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show one environment") { name };
        show.SetServerAction(async (parse, api, ct) =>
        {
            Printer.Item(await api.GetAsync($"/v1/environments/{CommandActions.Segment(parse.GetValue(name)!)}", ct), parse.Format());
            return ExitCodes.Ok;
        });

        var create = new Command("create", "Create an environment") { name, trustDomain, staleAfter, renewal };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var body = new
            {
                name = parse.GetValue(name),
                trustDomain = parse.GetValue(trustDomain),
                staleAfterDays = parse.GetValue(staleAfter),
                renewalWindowDays = parse.GetValue(renewal),
            };
            Printer.Item(await api.PostAsync("/v1/environments", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var update = new Command("update", "Change an environment's thresholds") { name, staleAfter, renewal };
        update.SetServerAction(async (parse, api, ct) =>
        {
            var body = new { staleAfterDays = parse.GetValue(staleAfter), renewalWindowDays = parse.GetValue(renewal) };
            Printer.Item(
                await api.PatchAsync($"/v1/environments/{CommandActions.Segment(parse.GetValue(name)!)}", body, ct),
                parse.Format());
            return ExitCodes.Ok;
        });

        var delete = new Command("delete", "Delete an empty environment") { name };
        delete.SetServerAction(async (parse, api, ct) =>
        {
            await api.DeleteAsync($"/v1/environments/{CommandActions.Segment(parse.GetValue(name)!)}", ct);
            Console.WriteLine($"Deleted environment {parse.GetValue(name)}.");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(create);
        command.Subcommands.Add(update);
        command.Subcommands.Add(delete);
        return command;
    }
}
