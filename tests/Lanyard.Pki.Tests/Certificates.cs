using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki.Tests;

/// <summary>Test helpers that read certificates independently of the code under test.</summary>
internal static class Certificates
{
    /// <summary>The URI SANs, read with System.Formats.Asn1 directly from the extension.</summary>
    public static List<string> UriSans(X509Certificate2 certificate)
    {
        var uris = new List<string>();
        foreach (var extension in certificate.Extensions.Where(e => e.Oid!.Value == "2.5.29.17"))
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 6)
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }

        return uris;
    }

    public static string Csr(AsymmetricAlgorithm key, params string[] uris)
    {
        var request = key switch
        {
            ECDsa ec => new CertificateRequest("CN=workload", ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest("CN=workload", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("EC or RSA only", nameof(key)),
        };
        if (uris.Length > 0)
        {
            var sans = new SubjectAlternativeNameBuilder();
            foreach (var uri in uris)
            {
                sans.AddUri(new Uri(uri));
            }

            request.CertificateExtensions.Add(sans.Build());
        }

        return request.CreateSigningRequestPem();
    }

    /// <summary>The same request with one bit of its signature flipped.</summary>
    public static string WithBrokenSignature(string pem)
    {
        var der = PemEncoding.Find(pem) is var fields ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
        der[^1] ^= 0x01;
        return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }
}
