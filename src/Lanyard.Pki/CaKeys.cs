using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>PEM private keys of CA certificates: ECDSA or RSA, PKCS#8 (maybe encrypted), SEC 1 or PKCS#1.</summary>
public static class CaKeys
{
    /// <summary>The certificate's private key as unencrypted PKCS#8 PEM, for sealing.</summary>
    public static string ExportPkcs8Pem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.GetECDsaPrivateKey() is { } ec)
        {
            using (ec)
            {
                return ec.ExportPkcs8PrivateKeyPem();
            }
        }

        using var rsa = certificate.GetRSAPrivateKey()
                        ?? throw new InvalidOperationException($"The CA {certificate.Subject} has no ECDSA or RSA private key.");
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>
    /// A copy of the certificate with the PEM key attached. Throws <see cref="CryptographicException"/>
    /// when the key can't be read, or does not belong to the certificate.
    /// </summary>
    public static X509Certificate2 Attach(X509Certificate2 certificate, string keyPem, string? password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(keyPem);
        switch (certificate.PublicKey.Oid.Value)
        {
            case KeyFacts.EcOid:
                using (var ec = ECDsa.Create())
                {
                    Import(ec, keyPem, password);
                    return certificate.CopyWithPrivateKey(ec);
                }

            case KeyFacts.RsaOid:
                using (var rsa = RSA.Create())
                {
                    Import(rsa, keyPem, password);
                    return certificate.CopyWithPrivateKey(rsa);
                }

            default:
                throw new CryptographicException($"keys of type {certificate.PublicKey.Oid.FriendlyName} are not supported");
        }
    }

    /// <summary>The algorithm of a PEM private key (<c>EC</c> or <c>RSA</c>), or null when it reads as neither.</summary>
    public static string? AlgorithmOf(string keyPem, string? password)
    {
        ArgumentNullException.ThrowIfNull(keyPem);
        foreach (var (name, create) in
            new (string, Func<AsymmetricAlgorithm>)[] { ("EC", () => ECDsa.Create()), ("RSA", () => RSA.Create()) })
        {
            using var key = create();
            try
            {
                Import(key, keyPem, password);
                return name;
            }
            catch (CryptographicException)
            {
                // Not this algorithm, or not readable at all.
            }
            catch (ArgumentException)
            {
                // No PEM block this algorithm reads.
            }
        }

        return null;
    }

    private static void Import(AsymmetricAlgorithm key, string pem, string? password)
    {
        if (pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            if (password is null)
            {
                throw new CryptographicException("the key is encrypted; give its password");
            }

            key.ImportFromEncryptedPem(pem, password);
        }
        else
        {
            key.ImportFromPem(pem);
        }
    }
}
