using System.CommandLine;
using System.Security.Cryptography;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard token create --role ROLE [--env ENV...] [--team TEAM...] [--identity ID] [--ttl 8h] [--name NAME]</c>,
/// <c>token list</c> and <c>token revoke ID</c>: the tokens of people and automation.
/// </summary>
internal static class TokenCommand
{
    private static readonly Column[] Columns =
        [Column.Of("ID", "id"), Column.Of("NAME", "name"), Column.Of("ROLE", "role"), Column.Of("ENVS", "environments"),
         Column.Of("TEAMS", "teams"), Column.Time("EXPIRES", "expiresAt"), Column.Time("LAST USED", "lastUsedAt"),
         Column.Time("REVOKED", "revokedAt")];

    public static Command Create()
    {
        var command = new Command("token", "Tokens of people and automation, each with a role");
        var role = new Option<string>("--role") { Description = "admin, auditor, owner or workload", Required = true };
        var envs = new Option<string[]>("--env") { Description = "Limit the token to this environment; repeat for more (default: all)" };
        var teams = new Option<string[]>("--team") { Description = "For an owner token: a team (owner) it manages; repeat for more" };
        var identity = new Option<string?>("--identity") { Description = "For a workload token: the identity (its id) it acts as" };
        var ttl = new Option<string?>("--ttl") { Description = "How long the token lives, such as 8h, 30d or 2w (default 30d)" };
        var name = new Option<string?>("--name")
        {
            Description = "A name for the token's principal (default: the role and a random suffix)",
        };
        var id = CommonOptions.Id("ID", "The principal's id", "lanyard token list");

        var create = new Command("create", "Create a token; it is shown this once and stored only as a hash")
        {
            role, envs, teams, identity, ttl, name,
        };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var roleName = parse.GetValue(role)!;
            var body = new
            {
                name = parse.GetValue(name) ?? DefaultName(roleName),
                role = roleName,
                environments = parse.GetValue(envs) ?? [],
                teams = parse.GetValue(teams) ?? [],
                identity = parse.GetValue(identity) is { } text ? ParseIdentity(text) : (Guid?)null,
                ttl = parse.GetValue(ttl),
            };
            var created = await api.PostAsync("/v1/principals", body, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(created);
                return ExitCodes.Ok;
            }

            var principal = created?["principal"];
            var reach = principal?["environments"]?.AsArray() is { Count: > 0 } limited ? string.Join(", ", limited) : "every environment";
            Printer.Secret("Token", created?["token"]?.GetValue<string>() ?? "",
                $"principal {principal?["name"]} ({principal?["role"]}) in {reach}, expires {principal?["expiresAt"]}");
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List principals and their tokens' state; tokens themselves are never shown");
        list.SetServerAction(async (parse, api, ct) =>
        {
            Printer.List(await api.GetAsync("/v1/principals", ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var revoke = new Command("revoke", "Revoke a principal's token at once; its dashboard sessions end too") { id };
        revoke.SetServerAction(async (parse, api, ct) =>
        {
            var revoked = await api.PostAsync($"/v1/principals/{CommandActions.Segment(parse.GetValue(id)!)}/revoke", new { }, ct);
            Printer.Item(revoked, parse.Format());
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static string DefaultName(string role) =>
        $"{role.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    private static Guid ParseIdentity(string text) => Guid.TryParse(text, out var id)
        ? id
        : throw new Http.CliException($"--identity: '{text}' is not an identity id.", ExitCodes.BadInput);
}
