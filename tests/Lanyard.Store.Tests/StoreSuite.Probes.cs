using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;
using Lanyard.Pki;
using Lanyard.Pki.Spiffe;
using Lanyard.Store.Probes;
using Lanyard.Store.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    /// <summary>A certificate for TLS with its key, as a server can use it.</summary>
    private static X509Certificate2 Served(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        using var withKey = key is RSA rsa ? certificate.CopyWithPrivateKey(rsa) : certificate.CopyWithPrivateKey((ECDsa)key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 FromCa(EnvironmentCa ca, AsymmetricAlgorithm key, string name, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var publicKey = key is RSA rsa ? new PublicKey(rsa) : new PublicKey((ECDsa)key);
        var profile = new LeafProfile(new SpiffeId("prod.lanyard.internal", "/web"), [name], name, lifetime);
        using var leaf = LeafIssuer.Issue(ca, publicKey, profile, "https://lanyard.test/x.crl", issuedAt);
        return Served(leaf, key);
    }

    private static X509Certificate2 SelfSigned(string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task WatchAsync(EndpointWatch watch, int port) =>
        Assert.True((await watch.AddAsync(new EndpointDraft("127.0.0.1", port, "prod", "localhost"), Admin)).Succeeded);

    [Fact]
    public async Task Scheduled_probes_turn_each_endpoints_certificate_and_problems_into_inventory_and_findings()
    {
        using var cas = NewCaStore();
        var ca = (await cas.GetAsync("prod", PublicUrl)).Value!;
        var now = Database.Time.GetUtcNow();
        using var ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var weakKey = RSA.Create(1024);
        using var good = FromCa(ca, ecKey, "localhost", now, TimeSpan.FromDays(90));
        using var expired = FromCa(ca, ecKey, "localhost", now.AddDays(-60), TimeSpan.FromDays(30));
        using var wrongHost = FromCa(ca, ecKey, "billing.internal", now, TimeSpan.FromDays(90));
        using var selfSigned = SelfSigned("localhost", now);
        using var weak = FromCa(ca, weakKey, "localhost", now, TimeSpan.FromDays(90));
        using var legacy = new OpenSslServer(weak, weakKey.ExportPkcs8PrivateKeyPem(), ca.Intermediate);
        using var servers = new CompositeDisposable(
            LoopbackServer.Tls(good, ca.Intermediate), LoopbackServer.Tls(expired, ca.Intermediate), LoopbackServer.Tls(wrongHost, ca.Intermediate),
            LoopbackServer.Tls(selfSigned), LoopbackServer.PlainText(), LoopbackServer.Silent());
        var watch = new EndpointWatch(Database.Store, Database.Time);
        var ports = servers.Servers.Select(s => s.Port).ToList();
        ports.Insert(4, legacy.Port);
        foreach (var port in ports)
        {
            await WatchAsync(watch, port);
        }

        var prober = new EndpointProber(watch, cas, Database.Store, Database.Time) { Timeout = TimeSpan.FromSeconds(2) };
        var probed = await prober.ProbeDueAsync();

        Assert.Equal(7, probed);
        var findings = (await Inventory.PostureAsync("prod", null)).Value!;
        string Target(int i) => $"127.0.0.1:{ports[i]}";
        IEnumerable<FindingKind> KindsAt(int i) => findings
            .Where(f => f.Reason.Contains(Target(i), StringComparison.Ordinal) || f.CredentialName == $"TLS certificate at {Target(i)}")
            .Select(f => f.Kind).Distinct().Order();
        Assert.Empty(KindsAt(0));
        Assert.Equal([FindingKind.Expired], KindsAt(1));
        Assert.Equal([FindingKind.HostnameMismatch], KindsAt(2));
        Assert.Equal([FindingKind.UntrustedIssuer], KindsAt(3));
        Assert.Equal([FindingKind.WeakKey], KindsAt(4));
        Assert.Equal([FindingKind.Unreachable], KindsAt(5));
        Assert.Equal([FindingKind.Unreachable], KindsAt(6));
        Assert.Contains(findings, f => f.Reason.Contains("does not speak TLS", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Reason.Contains("no TLS handshake within 2s", StringComparison.Ordinal));
        await using var db = Database.Store.CreateContext();
        var observed = await db.Credentials.Where(c => c.Source == CredentialSource.Probe).ToListAsync();
        Assert.Equal(5, observed.Count);
        Assert.Contains(observed, c => c.KeySize == 1024 && c.KeyAlgorithm == "RSA");
        Assert.Contains(observed, c => c.State == CredentialState.Expired);
    }

    [Fact]
    public async Task An_endpoint_is_probed_again_after_the_interval_and_a_new_certificate_updates_its_credential()
    {
        using var cas = NewCaStore();
        var ca = (await cas.GetAsync("prod", PublicUrl)).Value!;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var first = FromCa(ca, key, "localhost", Database.Time.GetUtcNow(), TimeSpan.FromDays(90));
        var watch = new EndpointWatch(Database.Store, Database.Time);
        var prober = new EndpointProber(watch, cas, Database.Store, Database.Time) { Interval = TimeSpan.FromMinutes(10) };
        int port;
        using (var server = LoopbackServer.Tls(first, ca.Intermediate))
        {
            port = server.Port;
            await WatchAsync(watch, server.Port);
            Assert.Equal(1, await prober.ProbeDueAsync());
            Assert.Equal(0, await prober.ProbeDueAsync());
        }

        Database.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await prober.ProbeDueAsync());

        var endpoint = (await watch.ListAsync("prod")).Single();
        Assert.Equal(port, endpoint.Port);
        Assert.NotNull(endpoint.UnreachableSince);
        await using var db = Database.Store.CreateContext();
        var credential = await db.Credentials.SingleAsync(c => c.Id == endpoint.CredentialId);
        Assert.Equal(first.SerialNumber, credential.SerialNumber);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "credential.observe"));
    }

    [Fact]
    public async Task Watching_refuses_a_bad_port_an_unknown_environment_and_a_duplicate()
    {
        var watch = new EndpointWatch(Database.Store, Database.Time);
        Assert.True((await watch.AddAsync(new EndpointDraft("api.example.com", 443, "prod"), Admin)).Succeeded);

        var badPort = await watch.AddAsync(new EndpointDraft("api.example.com", 70000, "prod"), Admin);
        var badHost = await watch.AddAsync(new EndpointDraft("not a host", 443, "prod"), Admin);
        var unknown = await watch.AddAsync(new EndpointDraft("api.example.com", 443, "nowhere"), Admin);
        var duplicate = await watch.AddAsync(new EndpointDraft("API.example.com", 443, "prod"), Admin);

        Assert.Equal("port", badPort.Problem!.Field);
        Assert.Equal("host", badHost.Problem!.Field);
        Assert.Equal(ProblemKind.NotFound, unknown.Problem!.Kind);
        Assert.Equal(ProblemKind.Conflict, duplicate.Problem!.Kind);
        Assert.Single(await watch.ListAsync(null));
    }

    private sealed class CompositeDisposable(params LoopbackServer[] servers) : IDisposable
    {
        public LoopbackServer[] Servers { get; } = servers;

        public void Dispose()
        {
            foreach (var server in Servers)
            {
                server.Dispose();
            }
        }
    }
}
