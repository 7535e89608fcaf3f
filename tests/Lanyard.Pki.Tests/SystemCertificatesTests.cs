using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki.Tests;

public sealed class SystemCertificatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_root_is_a_ca_that_may_sign_only_end_entities()
    {
        using var root = SystemCertificates.CreateRoot("Test System CA", Now);

        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        var usage = root.Extensions.OfType<X509KeyUsageExtension>().Single();

        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.True(root.HasPrivateKey);
    }

    [Fact]
    public void The_server_certificate_chains_to_the_root_and_names_loopback()
    {
        using var root = SystemCertificates.CreateRoot("Test System CA", Now);
        using var server = SystemCertificates.IssueServer(root, ["localhost", "127.0.0.1", "::1"], Now);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddDays(1).UtcDateTime;

        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.False(server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Contains(server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(server.HasPrivateKey);
    }

    [Fact]
    public void Serial_numbers_are_positive_and_carry_well_over_64_random_bits()
    {
        var serials = Enumerable.Range(0, 50).Select(_ => SystemCertificates.RandomSerial()).ToList();

        Assert.All(serials, serial => Assert.InRange(serial[0], 0x01, 0x7F));
        Assert.All(serials, serial => Assert.Equal(16, serial.Length));
        Assert.Equal(serials.Count, serials.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void A_server_certificate_is_renewed_in_its_last_third_or_when_it_lacks_a_name()
    {
        using var root = SystemCertificates.CreateRoot("Test System CA", Now);
        using var server = SystemCertificates.IssueServer(root, ["localhost"], Now);

        Assert.False(SystemCertificates.NeedsRenewal(server, ["localhost"], Now.AddDays(30)));
        Assert.True(SystemCertificates.NeedsRenewal(server, ["localhost"], Now.AddDays(61)));
        Assert.True(SystemCertificates.NeedsRenewal(server, ["localhost", "lanyard.internal"], Now));
    }
}
