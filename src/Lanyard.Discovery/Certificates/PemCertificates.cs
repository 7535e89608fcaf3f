using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Discovery.Certificates;

/// <summary>One <c>CERTIFICATE</c> block of a PEM text: the certificate, or why it does not parse.</summary>
/// <param name="Number">The block's position among all PEM blocks of the text, from 1.</param>
/// <param name="Certificate">The certificate, owned by the caller; null when the block does not parse.</param>
/// <param name="Error">Why it does not parse, or null.</param>
public sealed record PemCertificate(int Number, X509Certificate2? Certificate, string? Error);

/// <summary>The <c>CERTIFICATE</c> blocks of a PEM text, in order; other blocks (keys, CRLs) are passed over.</summary>
public static class PemCertificates
{
    public static IReadOnlyList<PemCertificate> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemCertificate>();
        var rest = text.AsSpan();
        var number = 0;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            number++;
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    blocks.Add(new PemCertificate(number,
                        X509CertificateLoader.LoadCertificate(
                            Convert.FromBase64String(rest[fields.Base64Data].ToString())),
                        null));
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    blocks.Add(new PemCertificate(number, null, e.Message));
                }
            }

            rest = rest[fields.Location.End..];
        }

        return blocks;
    }
}
