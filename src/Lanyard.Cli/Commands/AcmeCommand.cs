using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard acme eab create IDENTITY</c>: an External Account Binding key that lets one ACME account order
/// for the identity.</summary>
internal static class AcmeCommand
{
    public static Command Create()
    {
        var command = new Command("acme", "The ACME server of each environment");
        var eab = new Command("eab", "External Account Binding keys for ACME clients");
        var identity = CommonOptions.Id("IDENTITY",
            "The identity the ACME account will order certificates for (its id)", "lanyard identity list");

        var create = new Command("create", "Create an EAB key; its HMAC key is shown this once and kept only sealed") { identity };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var path = $"/v1/identities/{CommandActions.Segment(parse.GetValue(identity)!)}/acme-eab";
            var created = await api.PostAsync(path, new { }, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(created);
                return ExitCodes.Ok;
            }

            Printer.Secret("EAB HMAC key", created?["hmac_key"]?.GetValue<string>() ?? "",
                $"kid {created?["kid"]} for {created?["environment"]}; directory {created?["directory"]}; unused until "
                    + $"{created?["expiresAt"]}",
                kept: "Lanyard keeps it only sealed");
            return ExitCodes.Ok;
        });

        eab.Subcommands.Add(create);
        command.Subcommands.Add(eab);
        return command;
    }
}
