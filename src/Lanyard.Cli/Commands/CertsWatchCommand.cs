using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard certs watch add HOST:PORT [--env ENV] [--identity ID] [--servername NAME]</c>, <c>list [--env ENV]</c>,
/// <c>remove ID</c>: TLS endpoints the server probes on a schedule, each certificate they present
/// kept in the inventory and judged like any other.
/// </summary>
internal static class CertsWatchCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("ID", "id"), Column.Of("TARGET", "target"), Column.Of("ENV", "environment"),
        Column.Time("LAST PROBED", "lastProbedAt"),
        new("STATUS", e => Column.Text(e["lastError"]) ?? (e["lastProbedAt"] is null ? "not probed yet"
            : e["problems"]!.AsArray().Count == 0 ? "ok"
                : string.Join("; ", e["problems"]!.AsArray().Select(p => $"{p!["kind"]}: {p["detail"]}")))),
    ];

    public static Command Create()
    {
        var env = new Option<string?>("--env") { Description = "The environment (default: the identity's)" };

        var target = new Argument<string>("HOST:PORT") { Description = "The endpoint to probe" };
        var identity = new Option<Guid?>("--identity")
        {
            Description = "The identity serving the endpoint; the observed certificate is bound to it",
        };
        var serverName = new Option<string?>("--servername")
        {
            Description = "The name to send as SNI and check the certificate for (default: the host)",
        };
        var add = new Command("add", "Probe an endpoint on a schedule") { target, env, identity, serverName };
        add.SetServerAction(async (parse, api, ct) =>
        {
            var (host, port) = CertsCommand.ParseTarget(parse.GetValue(target)!);
            var body = new
            {
                host, port, environment = parse.GetValue(env), serverName = parse.GetValue(serverName),
                    identityId = parse.GetValue(identity),
            };
            Printer.Item(await api.PostAsync("/v1/endpoints", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List watched endpoints and what their last probe found") { env };
        list.SetServerAction(async (parse, api, ct) =>
        {
            Printer.List(await api.GetAsync("/v1/endpoints"
                + CommandActions.Query(("environment", parse.GetValue(env))), ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var id = new Argument<Guid>("ID") { Description = "The watched endpoint's id" };
        var remove = new Command("remove", "Stop probing an endpoint; its last certificate is kept, marked gone") { id };
        remove.SetServerAction(async (parse, api, ct) =>
        {
            await api.DeleteAsync($"/v1/endpoints/{parse.GetValue(id)}", ct);
            Console.WriteLine($"No longer watching {parse.GetValue(id)}.");
            return ExitCodes.Ok;
        });

        var command = new Command("watch", "TLS endpoints the server probes on a schedule");
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(remove);
        return command;
    }
}
