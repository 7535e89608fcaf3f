using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>Signs an RFC 5280 CRL (v2, with CRL number and authority key identifier) for one CA.</summary>
public static class RevocationLists
{
    /// <param name="issuer">The CA, with its private key.</param>
    /// <param name="revoked">Its revoked, unexpired certificates.</param>
    /// <param name="crlNumber">Grows with every CRL the CA issues.</param>
    /// <param name="now">This update.</param>
    public static byte[] Build(X509Certificate2 issuer, IEnumerable<RevokedCertificate> revoked, BigInteger crlNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            builder.AddEntry(Convert.FromHexString(entry.SerialHex), entry.RevokedAt);
        }

        return builder.Build(issuer, crlNumber, now + CaProfile.CrlLifetime, HashAlgorithmName.SHA256, thisUpdate: now);
    }

    /// <summary>A CRL number that grows with time, so replicas that never talk agree on its order.</summary>
    public static BigInteger NumberFor(DateTimeOffset thisUpdate) => new(thisUpdate.ToUnixTimeMilliseconds());
}
