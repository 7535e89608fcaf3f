using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>
/// Signs with a CA certificate's private key, whatever its type: ECDSA P-256 with SHA-256, P-384
/// with SHA-384, RSA with SHA-256 and PKCS#1 v1.5 padding (what relying parties expect of a CA).
/// </summary>
public sealed class CaSigner : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private CaSigner(AsymmetricAlgorithm key, X509SignatureGenerator generator, HashAlgorithmName hash)
    {
        _key = key;
        Generator = generator;
        Hash = hash;
    }

    public X509SignatureGenerator Generator { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>The signer of a CA certificate that carries its private key.</summary>
    public static CaSigner For(X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (ca.GetECDsaPrivateKey() is { } ec)
        {
            var hash = ec.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
            return new CaSigner(ec, X509SignatureGenerator.CreateForECDsa(ec), hash);
        }

        if (ca.GetRSAPrivateKey() is { } rsa)
        {
            return new CaSigner(rsa, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256);
        }

        throw new InvalidOperationException($"The CA {ca.Subject} has no ECDSA or RSA private key.");
    }

    public void Dispose() => _key.Dispose();
}
