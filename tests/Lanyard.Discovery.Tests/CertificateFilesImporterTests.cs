using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Discovery.Certificates;

namespace Lanyard.Discovery.Tests;

public sealed class CertificateFilesImporterTests
{
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName(name);
        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    private static ExportFile Pem(string name, string text) => ExportFile.FromBytes(name, Encoding.ASCII.GetBytes(text));

    [Fact]
    public void Each_distinct_certificate_is_one_unbound_certificate_credential_with_its_facts_and_file()
    {
        using var api = SelfSigned("api.example.com");
        using var db = SelfSigned("db.example.com");

        var batch = new CertificateFilesImporter().Import(
        [
            Pem("etc/ssl/api.pem", api.ExportCertificatePem() + "\n" + db.ExportCertificatePem()),
            Pem("opt/app/api-copy.crt", api.ExportCertificatePem()),
        ]);

        Assert.Equal("certificates", batch.Source);
        Assert.Empty(batch.Identities);
        Assert.Empty(batch.CompleteScopes);
        Assert.Equal(2, batch.Credentials.Count);
        var first = batch.Credentials.Single(c => c.Name == "api.example.com");
        Assert.Equal(CredentialKind.Certificate, first.Kind);
        Assert.Equal("etc/ssl/api.pem", first.Origin);
        Assert.Null(first.IdentityExternalKey);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(api.PublicKey.ExportSubjectPublicKeyInfo())), first.Fingerprint);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), first.ExpiresAt);
        Assert.Equal(["api.example.com"], first.SubjectAlternativeNames);
        Assert.Equal(("RSA", 2048), (first.KeyAlgorithm, first.KeySize));
        Assert.Equal("sha256WithRSAEncryption", first.SignatureAlgorithm);
    }

    [Fact]
    public void A_damaged_certificate_block_fails_the_import_naming_the_file_and_block()
    {
        using var api = SelfSigned("api.example.com");
        var pem = api.ExportCertificatePem();
        var damaged = pem.Replace(pem.Split('\n')[1], new string('A', 64), StringComparison.Ordinal);

        var error = Assert.Throws<ImportException>(() => new CertificateFilesImporter().Import([Pem("api.pem", pem), Pem("bad.pem", damaged)]));

        Assert.Equal("bad.pem", error.File);
        Assert.Equal("PEM block 1", error.Location);
    }

    [Fact]
    public void A_file_without_a_certificate_fails_the_import_naming_it()
    {
        var error = Assert.Throws<ImportException>(() => new CertificateFilesImporter().Import([Pem("notes.txt", "hello\n")]));

        Assert.Equal("notes.txt", error.File);
        Assert.Contains("no PEM CERTIFICATE block", error.Message, StringComparison.Ordinal);
    }
}
