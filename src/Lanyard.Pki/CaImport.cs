using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;

namespace Lanyard.Pki;

/// <summary>What an operator hands over to import a CA: PEM certificate(s) and key, or a PKCS#12.</summary>
/// <param name="CertificatePem">The CA certificate, maybe followed by its chain up to the root.</param>
/// <param name="KeyPem">The CA's private key (PKCS#8, SEC 1 or PKCS#1; encrypted PKCS#8 with <paramref name="Password"/>).</param>
/// <param name="Pkcs12">Instead of the two above: a PKCS#12 holding the CA, its key and maybe its chain.</param>
/// <param name="Password">The PKCS#12's or encrypted key's password.</param>
/// <param name="ChainPem">More certificates of the chain up to the root, if they are not in the files above.</param>
public sealed record CaImportSource(string? CertificatePem, string? KeyPem, byte[]? Pkcs12, string? Password, string? ChainPem = null);

/// <summary>
/// Checks a CA an operator imports before anything is stored: the key belongs to the
/// certificate, the certificate is a CA (basicConstraints cA, keyUsage keyCertSign), it is valid
/// now, its key is one Lanyard accepts (EC P-256 or P-384, RSA of 2048 bits or more), and an
/// intermediate comes with its chain up to a self-signed root.
/// </summary>
public static class CaImport
{
    public static Result<ImportedCa> Read(CaImportSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        var loaded = source.Pkcs12 is not null ? FromPkcs12(source.Pkcs12, source.Password) : FromPem(source);
        if (!loaded.Succeeded)
        {
            return loaded.Problem!;
        }

        var (ca, others) = loaded.Value;
        if (source.ChainPem is not null)
        {
            var extra = ReadCertificates(source.ChainPem, "chain");
            if (!extra.Succeeded)
            {
                return extra.Problem!;
            }

            others.AddRange(extra.Value!);
        }

        var refusal = CheckCa(ca, now);
        return refusal is not null ? Problem.Invalid("certificate", refusal) : BuildChain(ca, others, now);
    }

    private static Result<(X509Certificate2 Ca, List<X509Certificate2> Others)> FromPem(CaImportSource source)
    {
        if (string.IsNullOrWhiteSpace(source.CertificatePem) || string.IsNullOrWhiteSpace(source.KeyPem))
        {
            return Problem.Invalid("certificate", "Give the CA certificate and its private key as PEM, or a PKCS#12 with its password.");
        }

        var certificates = ReadCertificates(source.CertificatePem, "certificate");
        if (!certificates.Succeeded)
        {
            return certificates.Problem!;
        }

        foreach (var certificate in certificates.Value!)
        {
            try
            {
                var withKey = CaKeys.Attach(certificate, source.KeyPem, source.Password);
                return (withKey, certificates.Value!.Where(c => c != certificate).ToList());
            }
            catch (ArgumentException)
            {
                // CopyWithPrivateKey: the key belongs to another certificate; try the next one.
            }
            catch (CryptographicException e)
            {
                var held = certificate.PublicKey.Oid.Value == KeyFacts.EcOid ? "EC"
                    : certificate.PublicKey.Oid.Value == KeyFacts.RsaOid ? "RSA" : null;
                return CaKeys.AlgorithmOf(source.KeyPem, source.Password) is { } algorithm && algorithm != held
                    ? Problem.Invalid("key", $"The private key is an {algorithm} key, and the CA certificate ({certificate.Subject}) holds "
                        + $"{(held is null ? "another kind of key" : $"an {held} key")}: it does not belong to that certificate.")
                    : Problem.Invalid("key", $"The private key can't be read: {e.Message}.");
            }
        }

        return Problem.Invalid("key", $"The private key does not belong to the CA certificate ({certificates.Value![0].Subject}).");
    }

    private static Result<(X509Certificate2 Ca, List<X509Certificate2> Others)> FromPkcs12(byte[] pkcs12, string? password)
    {
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e)
        {
            return Problem.Invalid(password is null ? "pkcs12" : "password",
                "The PKCS#12 can't be opened: "
                    + $"{(password is null ? "it needs a password" : "the password is wrong or the file is damaged")} "
                    + $"({e.Message}).");
        }

        var withKeys = collection.Where(c => c.HasPrivateKey).ToList();
        if (withKeys.Count != 1)
        {
            return Problem.Invalid("pkcs12", withKeys.Count == 0
                ? "The PKCS#12 holds no private key; it must hold the CA's key."
                : $"The PKCS#12 holds {withKeys.Count} private keys; export only the CA's key with its chain.");
        }

        return (withKeys[0], collection.Where(c => c != withKeys[0]).ToList());
    }

    private static Result<List<X509Certificate2>> ReadCertificates(string pem, string field)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            return Problem.Invalid(field, $"A PEM certificate can't be read: {e.Message}.");
        }

        return collection.Count > 0 ? collection.ToList() : Problem.Invalid(field, "It holds no PEM CERTIFICATE block.");
    }

    private static string? CheckCa(X509Certificate2 ca, DateTimeOffset now)
    {
        if (KeyFacts.Refusal(ca.PublicKey) is { } weak)
        {
            return $"{ca.Subject}: {weak}";
        }

        if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            return $"{ca.Subject} is not a CA: its basicConstraints do not say cA";
        }

        if (ca.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
            || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            return $"{ca.Subject} may not sign certificates: its keyUsage lacks keyCertSign";
        }

        if (now < new DateTimeOffset(ca.NotBefore) || now >= new DateTimeOffset(ca.NotAfter))
        {
            return $"{ca.Subject} is not valid now: it is valid from {ca.NotBefore.ToUniversalTime():u} to "
                + $"{ca.NotAfter.ToUniversalTime():u}";
        }

        return null;
    }

    private static Result<ImportedCa> BuildChain(X509Certificate2 ca, List<X509Certificate2> others, DateTimeOffset now)
    {
        var selfSigned = IsSelfSigned(ca);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(selfSigned ? [ca] : others.Where(IsSelfSigned).ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(others.Where(c => !IsSelfSigned(c)).ToArray());
        if (!chain.Build(ca))
        {
            var reasons = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            var hint = selfSigned ? "" : ": an intermediate must come with every certificate up to its self-signed root";
            return Problem.Invalid("certificate", $"The chain of {ca.Subject} does not verify ({reasons}){hint}.");
        }

        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        if (selfSigned)
        {
            return new ImportedCa(ca, [], ca);
        }

        var root = X509CertificateLoader.LoadCertificate(elements[^1].RawData);
        var between = elements.Skip(1).SkipLast(1).Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList();
        return new ImportedCa(ca, between, root);
    }

    private static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }
}
