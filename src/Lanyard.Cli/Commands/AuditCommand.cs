using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard audit list | verify</c>.</summary>
internal static class AuditCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("#", "sequence"), Column.Time("TIME", "time"), Column.Of("ACTOR", "actor"), Column.Of("ACTION", "action"),
        Column.Of("TARGET", "target"), Column.Of("OUTCOME", "outcome"), Column.Of("DETAIL", "detail"),
    ];

    public static Command Create()
    {
        var command = new Command("audit", "The hash-chained audit trail");
        var action = new Option<string?>("--action") { Description = "Only actions starting with this, such as identity." };
        var actor = new Option<string?>("--actor") { Description = "Only this actor" };
        var target = new Option<string?>("--target") { Description = "Only this target, such as identity/ID" };

        var list = new Command("list", "List audit events, oldest first") { action, actor, target };
        list.SetServerAction(async (parse, api, ct) =>
        {
            var query = CommandActions.Query(("action", parse.GetValue(action)), ("actor", parse.GetValue(actor)),
                ("target", parse.GetValue(target)));
            Printer.List(await Pages.ReadAllAsync(api, "/v1/audit" + query, ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var verify = new Command("verify", "Check the whole chain; exit 1 naming the first event changed, removed or reordered");
        verify.SetServerAction(async (parse, api, ct) =>
        {
            var result = await api.GetAsync("/v1/audit/verify", ct);
            var intact = result?["intact"]?.GetValue<bool>() == true;
            if (parse.Format() == "json")
            {
                Printer.Json(result);
            }
            else if (intact)
            {
                Console.WriteLine($"The audit chain is intact: {result?["eventsChecked"]} events verified.");
            }
            else
            {
                Console.WriteLine($"The audit chain is broken at event {result?["brokenAt"]}: {result?["reason"]}.");
            }

            return intact ? ExitCodes.Ok : ExitCodes.Failed;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(verify);
        return command;
    }
}
