using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki.Tests;

/// <summary>A CA hierarchy made outside Lanyard, as an operator would bring one to import.</summary>
internal static class ExternalCa
{
    public static X509Certificate2 Root(AsymmetricAlgorithm key, DateTimeOffset now, string name = "CN=Corp Root CA, O=Corp",
        TimeSpan? lifetime = null, bool ca = true, X509KeyUsageFlags usage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)
    {
        var request = Request(name, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now + (lifetime ?? TimeSpan.FromDays(3650)));
    }

    public static X509Certificate2 Intermediate(X509Certificate2 root, AsymmetricAlgorithm key, DateTimeOffset now,
        string name = "CN=Corp Issuing CA, O=Corp", TimeSpan? lifetime = null)
    {
        var request = Request(name, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var signer = CaSigner.For(root);
        using var signed = request.Create(root.SubjectName, signer.Generator, now.AddDays(-1), now + (lifetime ?? TimeSpan.FromDays(1000)), [1, 2, 3]);
        return signed.CopyWithPrivateKey(key switch
        {
            ECDsa ec => ec,
            _ => throw new ArgumentException("EC intermediates only", nameof(key)),
        });
    }

    public static string KeyPem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    private static CertificateRequest Request(string name, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => new CertificateRequest(name, ec, ec.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256),
        RSA rsa => new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException("EC or RSA only", nameof(key)),
    };
}
