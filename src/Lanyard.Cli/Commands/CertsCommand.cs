using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;
using Lanyard.Core;
using Lanyard.Discovery.Probes;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard certs probe HOST:PORT... [--servername NAME] [--ca FILE] [--timeout 5s] [--renewal-window 30d]</c>:
/// a TLS handshake with each endpoint and a judgement of what it presents. Exit 1 when any
/// endpoint has a problem or can't be probed.
/// </summary>
internal static class CertsCommand
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var targets = new Argument<string[]>("HOST:PORT") { Description = "Endpoints to probe", Arity = ArgumentArity.OneOrMore };
        var serverName = new Option<string?>("--servername")
        {
            Description = "The name to send as SNI and check the certificate for (default: the host)",
        };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM roots to trust instead of the system's" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "For connect and handshake, per endpoint",
            DefaultValueFactory = _ => "5s",
        };
        var window = new Option<string>("--renewal-window")
        {
            Description = "A certificate this close to expiry is expiring",
            DefaultValueFactory = _ => "30d",
        };

        var probe = new Command("probe", "Probe TLS endpoints: chain, names, expiry, key, signature, trust")
        {
            targets, serverName, ca, timeout, window
        };
        probe.SetAction(async (parse, ct) =>
        {
            try
            {
                var endpoints = parse.GetValue(targets)!.Select(ParseTarget).ToList();
                var roots = LoadRoots(parse.GetValue(ca));
                var deadline = ReadDuration("--timeout", parse.GetValue(timeout)!);
                var renewal = ReadDuration("--renewal-window", parse.GetValue(window)!);
                var results = await Task.WhenAll(endpoints.Select(e =>
                    TlsProbe.ProbeAsync(e.Host, e.Port, parse.GetValue(serverName), roots, deadline, DateTimeOffset.UtcNow, renewal, ct)));
                Print(parse, results);
                return results.All(r => r.Healthy) ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (CliException e)
            {
                Printer.Error(e.Message);
                return e.ExitCode;
            }
        });

        var command = new Command("certs", "Certificates Lanyard did not issue: probe and watch endpoints, scan files");
        command.Subcommands.Add(probe);
        command.Subcommands.Add(CreateScan());
        command.Subcommands.Add(CertsWatchCommand.Create());
        return command;
    }

    /// <summary>
    /// <c>lanyard certs scan PATH... --env ENV [--password-file FILE]</c>: finds certificates in PEM,
    /// DER, PKCS#12 files and Java keystores (JKS, JCEKS) and imports them into the environment as certificate credentials.
    /// Only certificates are sent; private keys stay on the machine.
    /// </summary>
    private static Command CreateScan()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders to search, recursively",
            Arity = ArgumentArity.OneOrMore,
        };
        var env = new Option<string>("--env") { Description = "The environment to import the certificates into", Required = true };
        var passwordFile = new Option<FileInfo?>("--password-file")
        {
            Description = "A file holding the password of the PKCS#12 files and Java keystores",
        };
        var scan = new Command("scan",
            "Find certificates in PEM, DER, PKCS#12 files and Java keystores and import them as credentials")
        {
            paths, env, passwordFile
        };
        scan.SetServerAction(async (parse, api, ct) =>
        {
            var password = ReadPassword(parse.GetValue(passwordFile));
            var found = new List<Certs.FoundFile>();
            foreach (var file in Certs.CertificateFinder.Files(parse.GetValue(paths)!))
            {
                if (Certs.CertificateFinder.Read(file, password) is not { } result)
                {
                    continue;
                }

                if (result.Warning is not null)
                {
                    await Console.Error.WriteLineAsync($"warning: {result.Path}: {result.Warning}");
                }

                if (result.CertificatesPem.Count > 0)
                {
                    found.Add(result);
                }
            }

            if (found.Count == 0)
            {
                await Console.Error.WriteLineAsync("No certificates found.");
                return ExitCodes.Ok;
            }

            await Console.Error.WriteLineAsync(
                $"Importing {found.Sum(f => f.CertificatesPem.Count)} certificate(s) from {found.Count} file(s) into "
                    + $"{parse.GetValue(env)}");
            using var content = new MultipartFormDataContent();
            foreach (var file in found)
            {
                content.Add(new StringContent(string.Join('\n', file.CertificatesPem)), "files", file.Path);
            }

            var url = "/v1/imports/certificates" + CommandActions.Query(("environment", parse.GetValue(env)));
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            Printer.Item(await api.SendAsync(request, ct), parse.Format());
            return ExitCodes.Ok;
        });
        return scan;
    }

    private static string? ReadPassword(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(file.FullName).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--password-file {file.FullName}: can't be read ({e.Message}).", ExitCodes.BadInput);
        }
    }

    private static void Print(ParseResult parse, TlsProbeResult[] results)
    {
        var json = JsonSerializer.SerializeToNode(results, Web)!;
        Printer.List(json, parse.Format(),
        [
            Column.Of("target", "target"),
            new Column("subject", r => Column.Text(r["subject"]) ?? Column.Text(r["error"])),
            Column.Time("not after", "notAfter"),
            new Column("key", r => r["keyAlgorithm"] is null ? null : $"{r["keyAlgorithm"]} {r["keySize"]}"),
            new Column("problems", r => string.Join("; ", r["problems"]!.AsArray().Select(p => $"{p!["kind"]}: {p["detail"]}"))),
        ]);
    }

    public static (string Host, int Port) ParseTarget(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (colon <= 0 || host.Length == 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new CliException($"'{text}' is not HOST:PORT (a port between 1 and 65535; [::1]:443 for IPv6).", ExitCodes.BadInput);
        }

        return (host, port);
    }

    private static TimeSpan ReadDuration(string option, string text) =>
        Durations.TryParse(text, out var duration)
            ? duration
            : throw new CliException($"{option} '{text}' is not a duration; write it as a number and a unit, such as "
                + "5s, 1m or 30d.", ExitCodes.BadInput);

    private static X509Certificate2Collection? LoadRoots(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new CliException($"--ca {file.FullName}: can't be read as PEM certificates ({e.Message}).", ExitCodes.BadInput);
        }

        return roots.Count > 0 ? roots : throw new CliException($"--ca {file.FullName}: holds no PEM certificate.", ExitCodes.BadInput);
    }
}
