using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Discovery.Tests;

public sealed class FingerprintsTests
{
    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Theory]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc\n")]
    [InlineData("  sk_live_4eC39HqLyjWDarjtT1zdp7dc\r\n")]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    public void A_text_value_has_the_fingerprint_of_its_text_without_surrounding_whitespace(string stored)
    {
        Assert.Equal(Sha256Hex("sk_live_4eC39HqLyjWDarjtT1zdp7dc"u8.ToArray()), Fingerprints.OfValue(Encoding.UTF8.GetBytes(stored)));
    }

    [Fact]
    public void A_pem_saved_with_crlf_has_the_fingerprint_of_the_same_pem_with_lf()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();

        var crlf = Fingerprints.OfValue(Encoding.ASCII.GetBytes(pem.ReplaceLineEndings("\r\n") + "\r\n"));

        Assert.Equal(Sha256Hex(Encoding.ASCII.GetBytes(pem.ReplaceLineEndings("\n"))), crlf);
    }

    [Fact]
    public void A_binary_value_is_fingerprinted_as_its_bytes()
    {
        byte[] keystore = [0xFE, 0xED, 0xFE, 0xED, 0x00, 0x00, 0x00, 0x02, 0x0A];

        Assert.Equal(Sha256Hex(keystore), Fingerprints.OfValue(keystore));
    }
}
