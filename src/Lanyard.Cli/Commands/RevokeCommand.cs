using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard revoke CREDENTIAL</c>: an issued API key or client secret stops working at once.</summary>
internal static class RevokeCommand
{
    public static Command Create()
    {
        var credential = CommonOptions.Id("CREDENTIAL", "The credential's id", "lanyard credential list");
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit trail" };
        var command = new Command("revoke", "Revoke an issued credential; it fails authentication from now on") { credential, reason };
        command.SetServerAction(async (parse, api, ct) =>
        {
            var path = $"/v1/credentials/{CommandActions.Segment(parse.GetValue(credential)!)}/revoke";
            var revoked = await api.PostAsync(path, new { reason = parse.GetValue(reason) }, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(revoked);
            }
            else
            {
                Console.WriteLine($"Revoked credential {revoked?["id"]} ({revoked?["kind"]}, {revoked?["environment"]}).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
