using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.EndToEnd.Tests;

/// <summary>
/// The OAuth2 server driven by clients Lanyard did not write: oauth4webapi from npm runs the
/// whole client-credentials flow, and Microsoft.IdentityModel checks the token against the JWKS.
/// </summary>
public sealed class OAuthClientLibraryTests
{
    private static readonly string ClientFolder = Path.Combine(AppContext.BaseDirectory, "oauth-client");

    [Fact]
    public async Task Oauth4webapi_discovers_obtains_introspects_and_revokes_a_token_that_identitymodel_verifies_by_the_jwks()
    {
        await using var lanyard = await LanyardProcess.StartAsync();
        using var admin = lanyard.CreateClient();
        var identity = await (await admin.PostAsJsonAsync("/v1/identities", new { name = "orders-api", environment = "prod" }))
            .Content.ReadFromJsonAsync<JsonNode>();
        var created = await lanyard.RunAsync("client", "create", identity!["id"]!.GetValue<string>(),
            "--scope", "orders.read", "--scope", "orders.write", "--format", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var client = JsonNode.Parse(created.Stdout)!;
        var clientId = client["clientId"]!.GetValue<string>();
        var issuer = $"{lanyard.Address}/oauth2/prod";

        await NpmCiAsync();
        var flow = await RunClientAsync(lanyard.CaPath, issuer, clientId, client["clientSecret"]!.GetValue<string>(), "orders.read");

        Assert.Equal(issuer, flow["metadata"]!["issuer"]!.GetValue<string>());
        Assert.Equal($"{issuer}/token", flow["metadata"]!["token_endpoint"]!.GetValue<string>());
        Assert.Equal("bearer", flow["token"]!["token_type"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("orders.read", flow["token"]!["scope"]!.GetValue<string>());
        Assert.Equal(clientId, flow["validated"]!["client_id"]!.GetValue<string>());
        var introspection = flow["introspection"]!;
        Assert.True(introspection["active"]!.GetValue<bool>(), flow.ToJsonString());
        Assert.Equal(clientId, introspection["client_id"]!.GetValue<string>());
        Assert.Equal("orders.read", introspection["scope"]!.GetValue<string>());
        Assert.False(flow["introspection_after_revocation"]!["active"]!.GetValue<bool>(), flow.ToJsonString());

        var accessToken = flow["token"]!["access_token"]!.GetValue<string>();
        var jwks = new JsonWebKeySet(await admin.GetStringAsync(flow["metadata"]!["jwks_uri"]!.GetValue<string>()));
        var verified = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = issuer,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["at+jwt"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
        Assert.True(verified.IsValid, verified.Exception?.ToString());
        var jwt = (JsonWebToken)verified.SecurityToken;
        Assert.Equal(introspection["jti"]!.GetValue<string>(), jwt.Id);
        Assert.Equal(introspection["sub"]!.GetValue<string>(), jwt.Subject);
        Assert.StartsWith("spiffe://", jwt.Subject, StringComparison.Ordinal);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(flow["validated"]!["sub"]!.GetValue<string>(), jwt.Subject);
        Assert.Contains(jwks.Keys, key => key.Kid == jwt.Kid);

        var tampered = accessToken[..^4] + (accessToken[^4] == 'A' ? "B" : "A") + accessToken[^3..];
        var forged = await new JsonWebTokenHandler().ValidateTokenAsync(tampered, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = issuer,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });
        Assert.False(forged.IsValid);
    }

    private static async Task NpmCiAsync()
    {
        if (File.Exists(Path.Combine(ClientFolder, "node_modules", "oauth4webapi", "package.json")))
        {
            return;
        }

        var run = await RunAsync("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, "npm ci failed in " + ClientFolder + "\n" + run);
    }

    private static async Task<JsonNode> RunClientAsync(string caPath, string issuer, string clientId, string secret, string scope)
    {
        var environment = new Dictionary<string, string>
        {
            ["NODE_EXTRA_CA_CERTS"] = caPath,
            ["LANYARD_CLIENT_SECRET"] = secret,
        };
        var run = await RunAsync("node", ["client.mjs", issuer, clientId, scope], environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Stdout)!;
    }

    private static async Task<CliRun> RunAsync(string program, string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = ClientFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
