using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard identity list | show | create | update | set-owner | delete</c>.</summary>
internal static class IdentityCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("ID", "id"), Column.Of("ENV", "environment"), Column.Of("NAME", "name"), Column.Of("OWNER", "owner"),
        Column.Of("CLASS", "class"), Column.Of("SPIFFE ID", "spiffeId"), Column.Of("GONE", "gone"),
    ];

    public static Command Create()
    {
        var command = new Command("identity", "Identities: services, pipelines, bots and devices");
        var id = CommonOptions.Id("ID", "The identity's id", "lanyard identity list");
        var name = new Argument<string>("NAME") { Description = "A name unique in its environment" };
        var owner = new Argument<string>("OWNER") { Description = "The owner's name or id" };
        var env = new Option<string?>("--env") { Description = "The environment" };
        var ownerOption = new Option<string?>("--owner") { Description = "The owner's name or id" };
        var text = new Option<string?>("--query", "-q") { Description = "Only identities whose name contains this text" };
        var labels = new Option<string[]>("--label")
        {
            Description = "A label as KEY=VALUE; repeat for more",
            AllowMultipleArgumentsPerToken = false,
        };

        var list = new Command("list", "List identities") { env, ownerOption, text };
        list.SetServerAction(async (parse, api, ct) =>
        {
            var query = CommandActions.Query(("environment", parse.GetValue(env)),
                ("owner", parse.GetValue(ownerOption)), ("q", parse.GetValue(text)));
            Printer.List(await Pages.ReadAllAsync(api, "/v1/identities" + query, ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show one identity") { id };
        show.SetServerAction(async (parse, api, ct) =>
        {
            Printer.Item(await api.GetAsync($"/v1/identities/{CommandActions.Segment(parse.GetValue(id)!)}", ct), parse.Format());
            return ExitCodes.Ok;
        });

        var envRequired = new Option<string>("--env") { Description = "The environment", Required = true };
        var create = new Command("create", "Create an identity") { name, envRequired, ownerOption, labels };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var body = new
            {
                name = parse.GetValue(name),
                environment = parse.GetValue(envRequired),
                owner = parse.GetValue(ownerOption),
                labels = Labels.Parse(parse.GetValue(labels)),
            };
            Printer.Item(await api.PostAsync("/v1/identities", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var update = new Command("update", "Change an identity's owner or labels") { id, ownerOption, labels };
        update.SetServerAction(async (parse, api, ct) =>
        {
            var given = parse.GetValue(labels);
            var body = new { owner = parse.GetValue(ownerOption), labels = given is { Length: > 0 } ? Labels.Parse(given) : null };
            Printer.Item(await api.PatchAsync($"/v1/identities/{CommandActions.Segment(parse.GetValue(id)!)}", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var setOwner = new Command("set-owner", "Assign an identity to an owner") { id, owner };
        setOwner.SetServerAction(async (parse, api, ct) =>
        {
            var body = new { owner = parse.GetValue(owner) };
            Printer.Item(await api.PatchAsync($"/v1/identities/{CommandActions.Segment(parse.GetValue(id)!)}", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var delete = new Command("delete", "Delete an identity and its credentials") { id };
        delete.SetServerAction(async (parse, api, ct) =>
        {
            await api.DeleteAsync($"/v1/identities/{CommandActions.Segment(parse.GetValue(id)!)}", ct);
            Console.WriteLine($"Deleted identity {parse.GetValue(id)}.");
            return ExitCodes.Ok;
        });

        foreach (var sub in new[] { list, show, create, update, setOwner, delete })
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
