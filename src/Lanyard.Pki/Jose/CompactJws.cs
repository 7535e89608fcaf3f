using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lanyard.Pki.Jose;

/// <summary>
/// Writes ES256 JSON Web Signatures in compact serialization (RFC 7515 section 7.1): the protected
/// header names the algorithm, key id and type; the signature is the raw r||s pair that RFC 7518
/// section 3.4 asks for. Built on spans, as tokens are signed on hot paths.
/// </summary>
public static class CompactJws
{
    public const string Es256 = "ES256";

    /// <summary>An ES256 P-256 signature in IEEE P1363 form: r and s of 32 bytes each.</summary>
    private const int SignatureBytes = 64;

    /// <summary>Signs <paramref name="payloadJson"/> (UTF-8 JSON) with a P-256 <paramref name="key"/>.</summary>
    public static string SignEs256(ECDsa key, string kid, string type, ReadOnlySpan<byte> payloadJson)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException($"ES256 signs with a P-256 key, not a {key.KeySize}-bit one.", nameof(key));
        }

        var header = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteString("alg", Es256);
            json.WriteString("kid", kid);
            json.WriteString("typ", type);
            json.WriteEndObject();
        }

        var headerLength = Base64Url.GetEncodedLength(header.WrittenCount);
        var signedLength = headerLength + 1 + Base64Url.GetEncodedLength(payloadJson.Length);
        var token = new byte[signedLength + 1 + Base64Url.GetEncodedLength(SignatureBytes)];
        Base64Url.EncodeToUtf8(header.WrittenSpan, token);
        token[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(payloadJson, token.AsSpan(headerLength + 1));

        Span<byte> signature = stackalloc byte[SignatureBytes];
        var written = key.SignData(token.AsSpan(0, signedLength), signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        token[signedLength] = (byte)'.';
        Base64Url.EncodeToUtf8(signature[..written], token.AsSpan(signedLength + 1));
        return Encoding.ASCII.GetString(token);
    }
}
