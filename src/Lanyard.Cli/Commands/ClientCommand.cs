using System.CommandLine;
using System.Text.Json;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard client create IDENTITY</c>: registers an identity as an OAuth2 client of its environment.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var command = new Command("client", "OAuth2 clients: identities that obtain access tokens");
        var identity = CommonOptions.Id("IDENTITY", "The identity to register (its id)", "lanyard identity list");
        var scopes = new Option<string[]>("--scope") { Description = "A scope the client may ask for; repeat for more" };
        var minutes = new Option<int?>("--token-minutes") { Description = "Access token lifetime in minutes (default 15)" };
        var ttl = new Option<string?>("--ttl") { Description = "How long the client secret lives, such as 90d (default 90d)" };
        var jwks = new Option<FileInfo?>("--jwks") { Description = "A JWKS file of public keys for private_key_jwt authentication" };
        var auth = new Option<string?>("--auth")
        {
            Description = "How the client authenticates: client_secret_basic (default), client_secret_post, private_key_jwt (with --jwks), "
                + "tls_client_auth (the identity's X.509-SVID over mutual TLS; no secret) "
                + "or self_signed_tls_client_auth (with --certificate; no secret)",
        };
        auth.AcceptOnlyFromAmong("client_secret_basic", "client_secret_post", "private_key_jwt", "tls_client_auth",
            "self_signed_tls_client_auth");
        var certificate = new Option<FileInfo?>("--certificate")
        {
            Description = "A PEM file of the self-signed certificate a self_signed_tls_client_auth client presents",
        };

        var create = new Command("create", "Register a client; its secret is shown this once")
        {
            identity, scopes, minutes, ttl, jwks, auth, certificate
        };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var body = new
            {
                scopes = parse.GetValue(scopes) ?? [],
                accessTokenMinutes = parse.GetValue(minutes),
                ttl = parse.GetValue(ttl),
                jwks = parse.GetValue(jwks) is { } file ? await ReadJwksAsync(file, ct) : (JsonElement?)null,
                tokenEndpointAuthMethod = parse.GetValue(auth),
                certificate = parse.GetValue(certificate) is { } pem ? await ReadTextAsync(pem, ct) : null,
            };
            var path = $"/v1/identities/{CommandActions.Segment(parse.GetValue(identity)!)}/clients";
            var created = await api.PostAsync(path, body, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(created);
                return ExitCodes.Ok;
            }

            if (created?["clientSecret"] is null)
            {
                var proof = created?["selfSignedCertificateThumbprint"] is { } thumbprint
                    ? $"the self-signed certificate with x5t#S256 {thumbprint}"
                    : $"the X.509-SVID of {created?["tlsClientAuthSanUri"]}";
                Console.WriteLine($"client_id {created?["clientId"]} authenticates with {proof} at {created?["tokenEndpoint"]}");
                return ExitCodes.Ok;
            }

            Printer.Secret("client secret", created?["clientSecret"]?.GetValue<string>() ?? "",
                $"client_id {created?["clientId"]}, token endpoint {created?["tokenEndpoint"]}");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(create);
        return command;
    }

    private static async Task<string> ReadTextAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file.FullName}: can't read it: {e.Message}", ExitCodes.BadInput);
        }
    }

    private static async Task<JsonElement> ReadJwksAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            await using var stream = file.OpenRead();
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file.FullName}: can't read it: {e.Message}", ExitCodes.BadInput);
        }
        catch (JsonException e)
        {
            throw new CliException($"{file.FullName}: line {e.LineNumber + 1}: not JSON: {e.Message}", ExitCodes.BadInput);
        }
    }
}
