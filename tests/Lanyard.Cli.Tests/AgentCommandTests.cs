using System.Formats.Asn1;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Cli.Agent;

namespace Lanyard.Cli.Tests;

public sealed class AgentCommandTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-agent-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(string Identity, string Key)> WorkloadAsync()
    {
        var identity = await harness.CreateIdentityAsync("prod");
        using var admin = harness.Client();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });
        return (identity, (await issued.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agent_once_writes_an_svid_with_its_key_and_bundle_that_chain_together()
    {
        var (identity, key) = await WorkloadAsync();
        var output = Path.Combine(_folder, "svid");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", output, "--once");

        Assert.True(run.ExitCode == 0, run.ToString());
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(Path.Combine(output, SvidFiles.Certificate));
        using var svid = X509Certificate2.CreateFromPemFile(Path.Combine(output, SvidFiles.Certificate), Path.Combine(output, SvidFiles.Key));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.ImportFromPemFile(Path.Combine(output, SvidFiles.Bundle));
        chain.ChainPolicy.ExtraStore.AddRange(certificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(svid), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(svid.HasPrivateKey);
        Assert.StartsWith("spiffe://prod.lanyard.internal/", UriSan(svid), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, SvidFiles.Key)));
    }

    [Fact]
    public async Task Agent_runs_the_exec_command_after_writing_the_files()
    {
        var (identity, key) = await WorkloadAsync();
        var output = Path.Combine(_folder, "exec");
        var marker = Path.Combine(_folder, "reloaded");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", output, "--once",
            "--exec", $"cp {Path.Combine(output, SvidFiles.Certificate)} {marker}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(output, SvidFiles.Certificate)), await File.ReadAllTextAsync(marker));
    }

    [Fact]
    public async Task Agent_with_another_identitys_credential_exits_2_and_writes_nothing()
    {
        var (_, key) = await WorkloadAsync();
        var other = await harness.CreateIdentityAsync("prod");
        var output = Path.Combine(_folder, "other");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", other, "--out", output, "--once");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"not to '{other}'", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Agent_with_an_admin_token_exits_2_because_it_needs_a_workload_credential()
    {
        var identity = await harness.CreateIdentityAsync("prod");

        var run = await harness.RunAsync("agent", "--identity", identity, "--out", Path.Combine(_folder, "admin"), "--once");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a workload credential", run.Stderr, StringComparison.Ordinal);
    }

    private static string UriSan(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.Single(e => e.Oid!.Value == "2.5.29.17");
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        return names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6));
    }
}
