using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard rotate CREDENTIAL [--overlap 24h]</c>: a successor is issued and shown once; the
/// rotated credential keeps working until the overlap window ends.
/// </summary>
internal static class RotateCommand
{
    public static Command Create()
    {
        var credential = CommonOptions.Id("CREDENTIAL", "The id of the API key or client secret to rotate", "lanyard credential list");
        var overlap = new Option<string?>("--overlap")
        {
            Description = "How long the old secret keeps working, such as 0, 12h or 2d (default: the environment's window, 24h)",
        };
        var command = new Command("rotate", "Rotate an issued credential; the successor is shown this once") { credential, overlap };
        command.SetServerAction(async (parse, api, ct) =>
        {
            var path = $"/v1/credentials/{CommandActions.Segment(parse.GetValue(credential)!)}/rotate";
            var rotated = await api.PostAsync(path, new { overlap = parse.GetValue(overlap) }, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(rotated);
                return ExitCodes.Ok;
            }

            var successor = rotated?["credential"];
            var predecessor = rotated?["predecessor"];
            Printer.Secret("new secret", rotated?["secret"]?.GetValue<string>() ?? "",
                $"credential {successor?["id"]} replaces {predecessor?["id"]}, which stops working at {predecessor?["retiresAt"]}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
