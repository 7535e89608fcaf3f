using System.CommandLine;
using Lanyard.Cli.Agent;
using Lanyard.Cli.Http;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard agent --identity ID --out DIR [--exec CMD] [--once] [--ttl DURATION]</c>: keeps an X.509-SVID fresh on disk.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var identity = new Option<string>("--identity") { Description = "The identity (id or name) whose credential LANYARD_TOKEN holds", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where svid.pem, svid_key.pem and svid_bundle.pem are written (mode 0600)", Required = true };
        var exec = new Option<string?>("--exec") { Description = "A shell command run after each renewal, such as 'nginx -s reload'" };
        var once = new Option<bool>("--once") { Description = "Fetch one SVID and exit" };
        var ttl = new Option<string?>("--ttl") { Description = "The SVID lifetime to ask for, such as 15m (default: the server's, 1h unless configured)" };

        var command = new Command("agent", "Keep an X.509-SVID, its key and the trust bundle fresh in a folder") { identity, output, exec, once, ttl };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var options = new AgentOptions(parse.GetValue(identity)!, parse.GetValue(output)!.FullName, parse.GetValue(exec), parse.GetValue(once), parse.GetValue(ttl));
                return await new SvidAgent(ApiClient.Connect(), options, Console.Error).RunAsync(ct);
            }
            catch (CliException e)
            {
                Output.Printer.Error(e.Message);
                return e.ExitCode;
            }
        });
        return command;
    }
}
