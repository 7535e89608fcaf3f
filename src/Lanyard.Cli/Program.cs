using System.CommandLine;
using Lanyard.Cli;
using Lanyard.Cli.Commands;
using Lanyard.Cli.Output;

var root = new RootCommand("Lanyard: the control plane for machine identities") { CommonOptions.Format };
foreach (var command in new[]
         {
             ServeCommand.Create(), EnvCommand.Create(), OwnerCommand.Create(), IdentityCommand.Create(),
             CredentialCommand.Create(), ImportCommand.Create(), PostureCommand.Create(), AuditCommand.Create(),
             ScanCommand.Create(), ApiKeyCommand.Create(), ClientCommand.Create(), RevokeCommand.Create(), RotateCommand.Create(),
             CertCommand.Create(), CertsCommand.Create(), AgentCommand.Create(), TokenCommand.Create(),
             PolicyCommand.Create(), WebhookCommand.Create(), CaCommand.Create(), AcmeCommand.Create(),
         })
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Printer.Error(error.Message);
    }

    Console.Error.WriteLine("Run 'lanyard --help' for usage.");
    return ExitCodes.BadInput;
}

return await parse.InvokeAsync();
