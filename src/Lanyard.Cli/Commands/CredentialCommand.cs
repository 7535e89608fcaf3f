using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard credential list | show | create | update | delete</c>.</summary>
internal static class CredentialCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("ID", "id"), Column.Of("ENV", "environment"), Column.Of("KIND", "kind"), Column.Of("NAME", "name"),
        Column.Of("SOURCE", "source"), Column.Of("STATE", "state"), Column.Time("EXPIRES", "expiresAt"),
        Column.Time("LAST USED", "lastUsedAt"), Column.Of("FINGERPRINT", "fingerprint"),
    ];

    public static Command Create()
    {
        var command = new Command("credential", "Credentials: secrets and certificates bound to identities");
        var id = CommonOptions.Id("ID", "The credential's id", "lanyard credential list");
        var env = new Option<string?>("--env") { Description = "Only this environment" };
        var identity = new Option<string?>("--identity") { Description = "Only this identity's credentials (its id)" };
        var owner = new Option<string?>("--owner") { Description = "Only this owner's credentials" };
        var kind = new Option<string?>("--kind") { Description = "Only this kind, such as access-key or certificate" };
        var state = new Option<string?>("--state") { Description = "Only this state: active, inactive, revoked, gone" };
        var text = new Option<string?>("--query", "-q") { Description = "Only credentials whose name contains this text" };

        var list = new Command("list", "List credentials") { env, identity, owner, kind, state, text };
        list.SetServerAction(async (parse, api, ct) =>
        {
            var query = CommandActions.Query(("environment", parse.GetValue(env)), ("identity", parse.GetValue(identity)),
                ("owner", parse.GetValue(owner)), ("kind", parse.GetValue(kind)), ("state", parse.GetValue(state)),
                ("q", parse.GetValue(text)));
            Printer.List(await Pages.ReadAllAsync(api, "/v1/credentials" + query, ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show one credential (never its value)") { id };
        show.SetServerAction(async (parse, api, ct) =>
        {
            Printer.Item(await api.GetAsync($"/v1/credentials/{CommandActions.Segment(parse.GetValue(id)!)}", ct), parse.Format());
            return ExitCodes.Ok;
        });

        var identityRequired = new Option<string>("--identity") { Description = "The identity it belongs to (its id)", Required = true };
        var name = new Argument<string>("NAME") { Description = "What the credential is, in a few words" };
        var kindRequired = new Option<string>("--kind") { Description = "Its kind, such as secret or api-key", Required = true };
        var secretFromStdin = new Option<bool>("--secret-stdin")
        {
            Description = "Read the secret value from standard input; it is sealed at rest",
        };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When it expires (ISO 8601)" };
        var create = new Command("create", "Register a credential") { name, identityRequired, kindRequired, secretFromStdin, expires };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var secret = parse.GetValue(secretFromStdin) ? (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n') : null;
            var body = new
            {
                identity = parse.GetValue(identityRequired),
                name = parse.GetValue(name),
                kind = parse.GetValue(kindRequired),
                secret,
                expiresAt = parse.GetValue(expires),
            };
            Printer.Item(await api.PostAsync("/v1/credentials", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var stateRequired = new Option<string?>("--state") { Description = "The new state: active, inactive, revoked" };
        var update = new Command("update", "Change a credential's state or expiry") { id, stateRequired, expires };
        update.SetServerAction(async (parse, api, ct) =>
        {
            var body = new { state = parse.GetValue(stateRequired), expiresAt = parse.GetValue(expires) };
            Printer.Item(await api.PatchAsync($"/v1/credentials/{CommandActions.Segment(parse.GetValue(id)!)}", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var delete = new Command("delete", "Delete a credential from the inventory") { id };
        delete.SetServerAction(async (parse, api, ct) =>
        {
            await api.DeleteAsync($"/v1/credentials/{CommandActions.Segment(parse.GetValue(id)!)}", ct);
            Console.WriteLine($"Deleted credential {parse.GetValue(id)}.");
            return ExitCodes.Ok;
        });

        foreach (var sub in new[] { list, show, create, update, delete })
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
