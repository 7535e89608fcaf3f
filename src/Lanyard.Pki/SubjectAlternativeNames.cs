using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>
/// The names in a subjectAltName extension, read with an ASN.1 reader because .NET exposes DNS
/// names and IP addresses but not URIs. Names of other kinds are counted so a caller can refuse them.
/// </summary>
public sealed record SubjectAlternativeNames(
    IReadOnlyList<string> DnsNames, IReadOnlyList<string> Uris, IReadOnlyList<string> IpAddresses, IReadOnlyList<string> Others)
{
    public const string Oid = "2.5.29.17";

    public static readonly SubjectAlternativeNames None = new([], [], [], []);

    private static readonly Asn1Tag DnsTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);
    private static readonly Asn1Tag IpTag = new(TagClass.ContextSpecific, 7);

    /// <summary>The names of a certificate, or <see cref="None"/> when it has no SAN extension.</summary>
    public static SubjectAlternativeNames Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Of(certificate.Extensions);
    }

    public static SubjectAlternativeNames Of(IEnumerable<X509Extension> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var extension = extensions.FirstOrDefault(e => e.Oid?.Value == Oid);
        return extension is null ? None : Read(extension.RawData);
    }

    /// <exception cref="AsnContentException">The extension value is not a DER GeneralNames.</exception>
    public static SubjectAlternativeNames Read(ReadOnlyMemory<byte> der)
    {
        List<string> dns = [], uris = [], ips = [], others = [];
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var names = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.HasSameClassAndValue(DnsTag))
            {
                dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, DnsTag));
            }
            else if (tag.HasSameClassAndValue(UriTag))
            {
                uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
            }
            else if (tag.HasSameClassAndValue(IpTag))
            {
                ips.Add(new System.Net.IPAddress(names.ReadOctetString(IpTag)).ToString());
            }
            else
            {
                others.Add($"[{tag.TagValue}]");
                names.ReadEncodedValue();
            }
        }

        return new SubjectAlternativeNames(dns, uris, ips, others);
    }

    public int Count => DnsNames.Count + Uris.Count + IpAddresses.Count + Others.Count;

    /// <summary>
    /// The extension for these names (others excluded). URIs are written exactly as given: .NET's
    /// builder goes through <see cref="Uri"/>, which would add a slash to a trust domain's SPIFFE ID.
    /// </summary>
    public X509Extension ToExtension(bool critical = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var name in DnsNames)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, name, DnsTag);
            }

            foreach (var uri in Uris)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, UriTag);
            }

            foreach (var address in IpAddresses)
            {
                writer.WriteOctetString(System.Net.IPAddress.Parse(address).GetAddressBytes(), IpTag);
            }
        }

        return new X509Extension(Oid, writer.Encode(), critical);
    }
}
