using System.CommandLine;
using System.Text.Json.Nodes;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard ca show ENV</c>, <c>lanyard ca import ENV (--cert FILE --key FILE | --pkcs12 FILE) [--password-file F] [--chain FILE]</c>,
/// <c>lanyard ca rotate-intermediate ENV</c>: an environment's CA hierarchy.
/// </summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var env = new Argument<string>("ENV") { Description = "The environment" };

        var show = new Command("show", "Show the environment's root, issuing intermediate, renewal date and retired intermediates") { env };
        show.SetServerAction(async (parse, api, ct) =>
        {
            Print(parse, await api.GetAsync(CaPath(parse.GetValue(env)!), ct));
            return ExitCodes.Ok;
        });

        var rotate = new Command("rotate-intermediate",
            "Replace the issuing intermediate now; the old one keeps its CRL until its last certificate expires") { env };
        rotate.SetServerAction(async (parse, api, ct) =>
        {
            Print(parse, await api.PostAsync(CaPath(parse.GetValue(env)!) + "/rotate-intermediate", new { }, ct));
            return ExitCodes.Ok;
        });

        var command = new Command("ca", "Environment CAs: show, import an existing root or intermediate, rotate the intermediate");
        command.Subcommands.Add(show);
        command.Subcommands.Add(CreateImport(env));
        command.Subcommands.Add(rotate);
        return command;
    }

    private static Command CreateImport(Argument<string> env)
    {
        var cert = new Option<FileInfo?>("--cert") { Description = "PEM CA certificate, maybe followed by its chain up to the root" };
        var key = new Option<FileInfo?>("--key") { Description = "PEM private key of the CA certificate" };
        var pkcs12 = new Option<FileInfo?>("--pkcs12")
        {
            Description = "PKCS#12 holding the CA, its key and maybe its chain (instead of --cert and --key)",
        };
        var passwordFile = new Option<FileInfo?>("--password-file")
        {
            Description = "A file holding the PKCS#12's or the encrypted key's password",
        };
        var chain = new Option<FileInfo?>("--chain") { Description = "PEM certificates up to the root, when not in the other files" };
        var import = new Command("import",
            "Use an existing root (Lanyard generates an intermediate under it) or intermediate (with its chain) as the environment's CA")
        {
            env, cert, key, pkcs12, passwordFile, chain,
        };
        import.SetServerAction(async (parse, api, ct) =>
        {
            var pkcs12File = parse.GetValue(pkcs12);
            var certFile = parse.GetValue(cert);
            var keyFile = parse.GetValue(key);
            if (pkcs12File is not null == (certFile is not null || keyFile is not null)
                || (pkcs12File is null && (certFile is null || keyFile is null)))
            {
                throw new CliException("Give either --cert and --key (PEM) or --pkcs12.", ExitCodes.BadInput);
            }

            var body = new
            {
                certificate = certFile is null ? null : await ReadTextAsync("--cert", certFile, ct),
                key = keyFile is null ? null : await ReadTextAsync("--key", keyFile, ct),
                pkcs12 = pkcs12File is null ? null : Convert.ToBase64String(await ReadBytesAsync("--pkcs12", pkcs12File, ct)),
                password = parse.GetValue(passwordFile) is { } file
                    ? (await ReadTextAsync("--password-file", file, ct)).TrimEnd('\r', '\n') : null,
                chain = parse.GetValue(chain) is { } chainFile ? await ReadTextAsync("--chain", chainFile, ct) : null,
            };
            Print(parse, await api.PostAsync(CaPath(parse.GetValue(env)!) + "/import", body, ct));
            return ExitCodes.Ok;
        });
        return import;
    }

    private static string CaPath(string environment) => $"/v1/environments/{CommandActions.Segment(environment)}/ca";

    private static void Print(ParseResult parse, JsonNode? ca)
    {
        if (parse.Format() != "table" || ca is null)
        {
            Printer.Item(ca, parse.Format());
            return;
        }

        Console.WriteLine($"Environment   {ca["environment"]} ({ca["trustDomain"]}), {ca["origin"]}");
        Console.WriteLine($"Root          {ca["root"]!["subject"]}, until {ca["root"]!["notAfter"]}");
        Console.WriteLine($"Intermediate  {ca["intermediate"]!["subject"]}, until {ca["intermediate"]!["notAfter"]}");
        Console.WriteLine($"Renews at     {ca["renewsAt"]?.ToString() ?? "never: the root's key is held outside Lanyard; import a new intermediate"}");
        foreach (var retired in ca["retired"]!.AsArray())
        {
            Console.WriteLine($"Retired       {retired!["certificate"]!["subject"]}, since {retired["retiredAt"]}, "
                + $"until {retired["certificate"]!["notAfter"]}");
        }
    }

    private static async Task<string> ReadTextAsync(string option, FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {file.FullName}: can't be read ({e.Message}).", ExitCodes.BadInput);
        }
    }

    private static async Task<byte[]> ReadBytesAsync(string option, FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {file.FullName}: can't be read ({e.Message}).", ExitCodes.BadInput);
        }
    }
}
