using System.CommandLine;
using Lanyard.Cli.Agent;
using Lanyard.Cli.Http;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard agent --identity ID --out DIR [--exec CMD] [--once] [--ttl DURATION] [--signal SIG --pid
/// PID|--pid-file FILE] [--token-file FILE --client-id ID [--client-secret-file FILE]]</c>: keeps an X.509-SVID fresh
/// on disk.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var identity = new Option<string>("--identity")
        {
            Description = "The identity (id or name) whose credential LANYARD_TOKEN holds",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Where svid.pem, svid_key.pem and svid_bundle.pem are written (mode 0600)",
            Required = true,
        };
        var exec = new Option<string?>("--exec") { Description = "A shell command run after each renewal, such as 'nginx -s reload'" };
        var once = new Option<bool>("--once") { Description = "Fetch one SVID and exit" };
        var ttl = new Option<string?>("--ttl")
        {
            Description = "The SVID lifetime to ask for, such as 15m (default: the server's, 1h unless configured)",
        };

        var signal = new Option<string?>("--signal")
        {
            Description = "A signal sent after each renewal, such as SIGHUP (with --pid or --pid-file)",
        };
        var pid = new Option<int?>("--pid") { Description = "The process --signal goes to" };
        var pidFile = new Option<FileInfo?>("--pid-file")
        {
            Description = "A file holding the id of the process --signal goes to, read before each signal",
        };
        var tokenFile = new Option<FileInfo?>("--token-file")
        {
            Description = "Also keep an OAuth2 access token fresh in this file (with --client-id)",
        };
        var clientId = new Option<string?>("--client-id")
        {
            Description = "The OAuth2 client of the identity whose token --token-file holds",
        };
        var secretFile = new Option<FileInfo?>("--client-secret-file")
        {
            Description = "The file holding that client's secret; without it the client is a tls_client_auth one and "
                + "the agent presents its SVID",
        };
        var scope = new Option<string?>("--scope") { Description = "The scopes to ask the token for (default: the client's)" };

        var command = new Command("agent", "Keep an X.509-SVID, its key and the trust bundle fresh in a folder")
        {
            identity, output, exec, once, ttl, signal, pid, pidFile, tokenFile, clientId, secretFile, scope
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var toSignal = ProcessSignal.From(parse.GetValue(signal), parse.GetValue(pid), parse.GetValue(pidFile)?.FullName);
                var token = TokenOptionsFrom(parse.GetValue(tokenFile), parse.GetValue(clientId),
                    parse.GetValue(secretFile), parse.GetValue(scope));
                var options = new AgentOptions(parse.GetValue(identity)!, parse.GetValue(output)!.FullName,
                    parse.GetValue(exec), parse.GetValue(once),
                    parse.GetValue(ttl), toSignal, token);
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

    private static TokenOptions? TokenOptionsFrom(FileInfo? file, string? clientId, FileInfo? secretFile, string? scope)
    {
        if (file is null)
        {
            return clientId is null && secretFile is null
                ? null
                : throw new CliException("--client-id and --client-secret-file go with --token-file; give it the file "
                    + "to keep the token in.",
                    ExitCodes.BadInput);
        }

        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new CliException("--token-file needs --client-id, and --client-secret-file unless the client "
                + "authenticates with the SVID.",
                ExitCodes.BadInput);
        }

        return new TokenOptions(file.FullName, clientId, secretFile?.FullName, scope);
    }
}
