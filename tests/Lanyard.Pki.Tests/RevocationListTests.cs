using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki.Tests;

public sealed class RevocationListTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_crl_lists_the_revoked_serial_and_is_signed_by_the_issuing_ca()
    {
        using var ca = EnvironmentCa.Create("prod", "prod.lanyard.internal", "https://lanyard.test", Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = LeafIssuer.Issue(ca, new PublicKey(key),
            new LeafProfile(new SpiffeId("prod.lanyard.internal", "/a"), [], "a", TimeSpan.FromHours(1)), "https://lanyard.test/v1/crl/prod.crl", Now);

        var der = RevocationLists.Build(ca.Intermediate, [new RevokedCertificate(leaf.SerialNumber, Now)], RevocationLists.NumberFor(Now), Now);

        var crl = CertificateRevocationListBuilder.Load(der, out var number);
        Assert.Equal(RevocationLists.NumberFor(Now), number);
        Assert.True(crl.RemoveEntry(leaf.SerialNumberBytes.Span), "the revoked serial is on the list");
        Assert.True(CrlSignature.Verifies(der, ca.Intermediate), "signed by the intermediate");
    }

    [Fact]
    public void Crl_numbers_grow_with_time()
    {
        Assert.True(RevocationLists.NumberFor(Now.AddSeconds(1)) > RevocationLists.NumberFor(Now));
    }
}
