using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Lanyard.EndToEnd.Tests;

/// <summary>The agent keeping a certificate-bound access token for a secretless tls_client_auth client while its SVID renews.</summary>
public sealed class AgentBoundTokenTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(50);
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-agent-token-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Each_svid_renewal_gets_a_new_token_bound_to_the_new_certificate()
    {
        var settings = new Dictionary<string, string> { ["LANYARD_SVID_MIN_TTL"] = "10s" };
        await using var lanyard = await LanyardProcess.StartAsync(extraEnvironment: settings);
        using var admin = lanyard.CreateClient();
        var identity = await (await admin.PostAsJsonAsync("/v1/identities", new { name = "ledger", environment = "prod" }))
            .Content.ReadFromJsonAsync<JsonNode>();
        var apiKey = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity!["id"]}/apikeys", new { }))
            .Content.ReadFromJsonAsync<JsonNode>())!["key"]!.GetValue<string>();
        var client = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity["id"]}/clients",
            new { tokenEndpointAuthMethod = "tls_client_auth" })).Content.ReadFromJsonAsync<JsonNode>())!;
        var output = Path.Combine(_folder, "svid");
        var tokenFile = Path.Combine(_folder, "access_token");
        var log = new StringBuilder();

        using var agent = lanyard.StartCommand(apiKey, log, "agent", "--identity", "ledger", "--out", output, "--ttl", "10s",
            "--token-file", tokenFile, "--client-id", client["clientId"]!.GetValue<string>());
        var bindings = new HashSet<string>();
        var matched = new HashSet<string>();
        try
        {
            var deadline = DateTime.UtcNow + Deadline;
            while (matched.Count < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, $"bound tokens seen: {string.Join(", ", bindings)}; matching the SVID on disk: {matched.Count}\n{log}");
                if (Read(output, tokenFile) is var (svid, bound))
                {
                    bindings.Add(bound);
                    if (svid == bound)
                    {
                        matched.Add(bound);
                    }
                }

                await Task.Delay(100);
            }
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }

        Assert.DoesNotContain("token refresh failed", log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The thumbprint of the SVID on disk and the one the token on disk is bound to; null while a file is missing.</summary>
    private static (string Svid, string Bound)? Read(string folder, string tokenFile)
    {
        try
        {
            var token = File.ReadAllText(tokenFile).Trim();
            var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]))!;
            using var svid = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(folder, "svid.pem")));
            return (System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(svid.RawData)), payload["cnf"]!["x5t#S256"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}
