using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;
using Lanyard.Pki;
using Lanyard.Store.Issuance;

namespace Lanyard.Server.OAuth;

/// <summary>
/// The certificate a <c>self_signed_tls_client_auth</c> client registers (RFC 8705 section 2.2):
/// one PEM certificate, signed by its own key, with an EC P-256/P-384 or RSA 2048+ key, valid
/// now. Only its <c>x5t#S256</c> is kept; the client presents the certificate itself.
/// </summary>
internal static class SelfSignedClientCertificate
{
    private const int MaxPemLength = 16 * 1024;

    /// <summary>The thumbprint to register; null when the method takes no certificate and none was sent.</summary>
    public static Result<string?> Read(string method, string? pem, DateTimeOffset now)
    {
        if (method != ClientAuthenticator.SelfSignedTlsClientAuth)
        {
            return pem is null
                ? Result<string?>.Ok(null)
                : Problem.Invalid("certificate", $"A certificate is registered only with {ClientAuthenticator.SelfSignedTlsClientAuth}.");
        }

        if (string.IsNullOrWhiteSpace(pem))
        {
            return Problem.Invalid("certificate",
                $"{ClientAuthenticator.SelfSignedTlsClientAuth} needs the client's self-signed certificate in PEM.");
        }

        if (pem.Length > MaxPemLength)
        {
            return Problem.Invalid("certificate", $"The certificate is larger than {MaxPemLength} characters.");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            return Problem.Invalid("certificate", $"The certificate is not PEM X.509: {e.Message}");
        }

        if (certificates.Count != 1)
        {
            return Problem.Invalid("certificate", $"Register exactly one certificate; the PEM holds {certificates.Count}.");
        }

        using var certificate = certificates[0];
        return Check(certificate, now) is { } refused
            ? Problem.Invalid("certificate", refused)
            : ClientCertificateAuthenticator.Thumbprint(certificate);
    }

    private static string? Check(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (!IsSelfSigned(certificate))
        {
            return "The certificate is not self-signed; a certificate from a CA authenticates a tls_client_auth client.";
        }

        if (KeyFacts.Refusal(certificate.PublicKey) is { } weak)
        {
            return $"The certificate's key is not accepted: {weak}.";
        }

        return now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime()
            ? $"The certificate is valid from {certificate.NotBefore.ToUniversalTime():u} to "
                + $"{certificate.NotAfter.ToUniversalTime():u}, not now."
            : null;
    }

    /// <summary>Issued by its own subject and signed by its own key.</summary>
    private static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreWrongUsage;
        return chain.Build(certificate) && chain.ChainElements.Count == 1;
    }
}
