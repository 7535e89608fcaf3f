using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki.Tests;

/// <summary>Checks a CRL's ECDSA-SHA256 signature against an issuer, read with an ASN.1 reader.</summary>
internal static class CrlSignature
{
    public static bool Verifies(byte[] crl, X509Certificate2 issuer)
    {
        var outer = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadEncodedValue();
        var algorithm = outer.ReadSequence().ReadObjectIdentifier();
        var signature = outer.ReadBitString(out _);
        if (algorithm != "1.2.840.10045.4.3.2")
        {
            return false;
        }

        using var key = issuer.GetECDsaPublicKey()!;
        return key.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
