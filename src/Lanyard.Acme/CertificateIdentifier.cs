using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Acme;

/// <summary>
/// The ACME Renewal Information certificate identifier (RFC 9773 section 4.1):
/// base64url(authority key identifier) "." base64url(DER serial number bytes).
/// </summary>
public sealed record CertificateIdentifier(byte[] AuthorityKeyId, byte[] Serial)
{
    /// <summary>The serial as uppercase hex of its DER content bytes, as the inventory stores it.</summary>
    public string SerialHex => Convert.ToHexString(Serial);

    public override string ToString() => Base64Url.Encode(AuthorityKeyId) + "." + Base64Url.Encode(Serial);

    /// <summary>The identifier of a certificate, from its AKI extension and serial.</summary>
    public static CertificateIdentifier Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier
            ?? throw new ArgumentException("The certificate has no authority key identifier.", nameof(certificate));
        return new CertificateIdentifier(aki.ToArray(), certificate.SerialNumberBytes.ToArray());
    }

    /// <summary>Reads an identifier from a URL path segment; null when it is not one.</summary>
    public static CertificateIdentifier? TryParse(string? text)
    {
        var parts = text?.Split('.');
        if (parts is not { Length: 2 })
        {
            return null;
        }

        var aki = Base64Url.TryDecode(parts[0]);
        var serial = Base64Url.TryDecode(parts[1]);
        return aki is { Length: > 0 and <= 64 } && serial is { Length: > 0 and <= 21 } ? new CertificateIdentifier(aki, serial) : null;
    }

    public bool Equals(CertificateIdentifier? other) =>
        other is not null && AuthorityKeyId.AsSpan().SequenceEqual(other.AuthorityKeyId) && Serial.AsSpan().SequenceEqual(other.Serial);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
