using System.CommandLine;
using System.Text.Json.Nodes;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard cert issue IDENTITY --dns NAME... [--csr FILE | --out DIR] [--ttl 30d]</c>: a TLS
/// server certificate from the identity's environment CA, for a CSR or with a key Lanyard
/// generates and hands over once.
/// </summary>
internal static class CertCommand
{
    public static Command Create()
    {
        var command = new Command("cert", "TLS server certificates from an environment's CA");
        var identity = CommonOptions.Id("IDENTITY", "The identity the certificate is for (its id)", "lanyard identity list");
        var dns = new Option<string[]>("--dns")
        {
            Description = "A DNS name the certificate carries (repeat for more)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var csr = new Option<FileInfo?>("--csr") { Description = "A PEM PKCS#10 request for your own key" };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Write cert.pem, chain.pem (and key.pem when Lanyard made the key) here, mode 0600",
        };
        var ttl = new Option<string?>("--ttl") { Description = "How long the certificate lives, such as 12h, 30d (default 30d)" };

        var issue = new Command("issue", "Issue a TLS server certificate") { identity, dns, csr, output, ttl };
        issue.SetServerAction(async (parse, api, ct) =>
        {
            var csrFile = parse.GetValue(csr);
            var folder = parse.GetValue(output);
            if (csrFile is null && folder is null)
            {
                throw new CliException("Give --csr FILE for your own key, or --out DIR for a key Lanyard generates and "
                    + "writes there.", ExitCodes.BadInput);
            }

            var csrPem = csrFile is null ? null : await ReadCsrAsync(csrFile, ct);
            var path = $"/v1/identities/{CommandActions.Segment(parse.GetValue(identity)!)}/certificates";
            var issued = await api.PostAsync(path, new { dnsNames = parse.GetValue(dns), csr = csrPem, ttl = parse.GetValue(ttl) }, ct);
            var written = folder is null ? [] : await WriteFilesAsync(folder.FullName, issued!, ct);
            Report(parse, issued, folder, written);
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(issue);
        return command;
    }

    private static async Task<string> ReadCsrAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--csr {file.FullName}: can't be read ({e.Message}).", ExitCodes.BadInput);
        }
    }

    /// <summary>The key first, the certificate last: a reader that sees the new cert.pem finds its key already there.</summary>
    private static async Task<List<string>> WriteFilesAsync(string folder, JsonNode issued, CancellationToken ct)
    {
        CertFiles.EnsureFolder(folder);
        var written = new List<string>();
        if (issued["privateKey"]?.GetValue<string>() is { } key)
        {
            await CertFiles.WriteAsync(folder, "key.pem", key, ct);
            written.Add("key.pem");
        }

        var chain = string.Concat(issued["chain"]!.AsArray().Select(c => c!.GetValue<string>()));
        await CertFiles.WriteAsync(folder, "chain.pem", chain, ct);
        await CertFiles.WriteAsync(folder, "bundle.pem", issued["bundle"]!.GetValue<string>(), ct);
        await CertFiles.WriteAsync(folder, "cert.pem", issued["certificate"]!.GetValue<string>(), ct);
        written.AddRange(["chain.pem", "bundle.pem", "cert.pem"]);
        return written;
    }

    private static void Report(ParseResult parse, JsonNode? issued, DirectoryInfo? folder, List<string> written)
    {
        if (folder is not null)
        {
            // The key went to a file: it is not printed, not even as JSON.
            issued!.AsObject().Remove("privateKey");
        }

        if (parse.Format() == "json")
        {
            Printer.Json(issued);
            return;
        }

        var credential = issued?["credential"];
        if (folder is null)
        {
            Console.Out.Write(issued?["certificate"]?.GetValue<string>());
            Console.Out.Write(string.Concat(issued?["chain"]?.AsArray().Select(c => c!.GetValue<string>()) ?? []));
        }
        else
        {
            Console.Error.WriteLine($"Wrote {string.Join(", ", written)} to {folder.FullName} (mode 0600).");
        }

        Console.Error.WriteLine($"credential {credential?["id"]} in {credential?["environment"]}, serial "
            + $"{credential?["serialNumber"]}, expires {credential?["expiresAt"]}");
    }
}
