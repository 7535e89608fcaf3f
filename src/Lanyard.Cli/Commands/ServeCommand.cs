using System.CommandLine;
using Lanyard.Cli.Output;
using Lanyard.Server;
using Lanyard.Server.Hosting;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard serve [--urls URL]</c>: runs the control plane.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Where to listen (default {ServerSettings.DefaultUrl}); repeat or separate with ';'",
        };
        var command = new Command("serve", "Run the Lanyard control plane") { urls };
        command.SetAction(async (parse, ct) =>
        {
            ServerSettings settings;
            try
            {
                var given = (parse.GetValue(urls) ?? []).SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries)).ToArray();
                settings = ServerSettings.FromEnvironment(given);
            }
            catch (InvalidOperationException e)
            {
                Printer.Error(e.Message);
                return ExitCodes.BadInput;
            }

            await using var app = await LanyardServer.BuildAsync(settings, Console.Out, cancellationToken: ct);
            await app.RunAsync();
            return ExitCodes.Ok;
        });
        return command;
    }
}
