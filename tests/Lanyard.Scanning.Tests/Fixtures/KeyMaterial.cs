using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Scanning.Tests;

/// <summary>
/// Real private keys in every container the scanner knows, made fresh with System.Security.Cryptography,
/// and signed JWTs. Nothing here is stored: each run makes new keys.
/// </summary>
internal static class KeyMaterial
{
    public static string RsaPkcs1()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportRSAPrivateKeyPem();
    }

    public static string EcSec1()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportECPrivateKeyPem();
    }

    public static string Pkcs8()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    public static string EncryptedPkcs8(string passphrase)
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportEncryptedPkcs8PrivateKeyPem(passphrase,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
    }

    public static string PublicKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    public static string CertificatePem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Brindlewick Internal CA", ec, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }

    /// <summary>The traditional OpenSSL DSA form: SEQUENCE { 0, p, q, g, y, x }.</summary>
    public static string DsaTraditional()
    {
        using var dsa = DSA.Create(2048);
        var p = dsa.ExportParameters(includePrivateParameters: true);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            foreach (var value in new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! })
            {
                writer.WriteIntegerUnsigned(value);
            }
        }

        return PemEncoding.WriteString("DSA PRIVATE KEY", writer.Encode());
    }

    /// <summary>An unencrypted <c>openssh-key-v1</c> file holding an RSA key, as ssh-keygen writes it.</summary>
    public static string OpenSsh(string comment)
    {
        using var rsa = RSA.Create(2048);
        var k = rsa.ExportParameters(includePrivateParameters: true);
        var publicBlob = Concat(String("ssh-rsa"), Mpint(k.Exponent!), Mpint(k.Modulus!));
        var check = new byte[4];
        RandomNumberGenerator.Fill(check);
        var privateSection = new List<byte>();
        privateSection.AddRange(check);
        privateSection.AddRange(check);
        privateSection.AddRange(Concat(String("ssh-rsa"), Mpint(k.Modulus!), Mpint(k.Exponent!), Mpint(k.D!),
            Mpint(k.InverseQ!), Mpint(k.P!), Mpint(k.Q!), String(comment)));
        for (byte pad = 1; privateSection.Count % 8 != 0; pad++)
        {
            privateSection.Add(pad);
        }

        var body = Concat(Encoding.ASCII.GetBytes("openssh-key-v1\0"), String("none"), String("none"), Bytes([]),
            UInt(1), Bytes(publicBlob), Bytes([.. privateSection]));
        var base64 = Convert.ToBase64String(body);
        var lines = Enumerable.Range(0, (base64.Length + 69) / 70)
            .Select(i => base64.Substring(i * 70, Math.Min(70, base64.Length - (i * 70))));
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + string.Join('\n', lines) + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }

    /// <summary>A PuTTY v3 .ppk file, unencrypted, with its MAC computed as PuTTY does (empty MAC key).</summary>
    public static string PuttyV3(string comment)
    {
        using var rsa = RSA.Create(2048);
        var k = rsa.ExportParameters(includePrivateParameters: true);
        var publicBlob = Concat(String("ssh-rsa"), Mpint(k.Exponent!), Mpint(k.Modulus!));
        var privateBlob = Concat(Mpint(k.D!), Mpint(k.P!), Mpint(k.Q!), Mpint(k.InverseQ!));
        var macInput = Concat(String("ssh-rsa"), String("none"), String(comment), Bytes(publicBlob), Bytes(privateBlob));
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Array.Empty<byte>(), macInput));
        var text = new StringBuilder()
            .Append("PuTTY-User-Key-File-3: ssh-rsa\n")
            .Append("Encryption: none\n")
            .Append("Comment: ").Append(comment).Append('\n');
        AppendLines(text, "Public-Lines", publicBlob);
        AppendLines(text, "Private-Lines", privateBlob);
        return text.Append("Private-MAC: ").Append(mac).Append('\n').ToString();
    }

    /// <summary>A JWT signed with HS256 under a fresh key.</summary>
    public static string Jwt(string subject)
    {
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
        var payload = Base64Url(Encoding.UTF8.GetBytes(
            "{\"sub\":\"" + subject + "\",\"iss\":\"https://auth.brindlewick.internal\",\"exp\":1924992000}"));
        var signature = Base64Url(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32),
            Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    /// <summary>An unsecured JWT (<c>alg: none</c>), which carries no signature and proves nothing.</summary>
    public static string UnsignedJwt(string subject) =>
        Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8) + "."
        + Base64Url(Encoding.UTF8.GetBytes("{\"sub\":\"" + subject + "\",\"exp\":1924992000}")) + "."
        + "c2lnbmF0dXJlLXJlbW92ZWQtYnktcHJveHk";

    public static string Base64Url(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The PEM block as the scanner reports it: lines joined by '\n', no trailing newline.</summary>
    public static string AsSecret(string pem) => pem.Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd('\n');

    private static void AppendLines(StringBuilder text, string header, byte[] blob)
    {
        var base64 = Convert.ToBase64String(blob);
        var lines = Enumerable.Range(0, (base64.Length + 63) / 64)
            .Select(i => base64.Substring(i * 64, Math.Min(64, base64.Length - (i * 64)))).ToList();
        text.Append(header).Append(": ").Append(lines.Count).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
    }

    private static byte[] String(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(byte[] value) => Concat(UInt((uint)value.Length), value);

    private static byte[] UInt(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>SSH mpint: big-endian two's complement, so a high first bit gets a leading zero.</summary>
    private static byte[] Mpint(byte[] unsigned)
    {
        var trimmed = unsigned.AsSpan().TrimStart((byte)0).ToArray();
        return Bytes(trimmed.Length > 0 && trimmed[0] >= 0x80 ? [0, .. trimmed] : trimmed);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
