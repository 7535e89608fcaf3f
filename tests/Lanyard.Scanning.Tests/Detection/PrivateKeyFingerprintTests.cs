using System.Security.Cryptography;

namespace Lanyard.Scanning.Tests.Detection;

/// <summary>
/// A private key's fingerprint is the SHA-256 of the PEM text itself, the same value the inventory
/// holds for the key, however the key is laid out in the file.
/// </summary>
public sealed class PrivateKeyFingerprintTests
{
    /// <summary>An RSA key, LF line ends, with at least one base64 line that ends in '+'.</summary>
    private static string KeyWithPlusAtLineEnd()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            using var rsa = RSA.Create(1024);
            var pem = rsa.ExportRSAPrivateKeyPem().ReplaceLineEndings("\n");
            if (pem.Split('\n').Any(line => line.EndsWith('+')))
            {
                return pem;
            }
        }

        throw new InvalidOperationException("no generated key had a line ending in '+'");
    }

    [Fact]
    public void A_pem_whose_base64_lines_end_in_plus_is_fingerprinted_as_the_exact_pem()
    {
        var pem = KeyWithPlusAtLineEnd();

        var finding = Scan.Single(pem + "\n", "deploy/signing.pem");

        Assert.Equal(Scan.Fingerprint(pem), finding.Fingerprint);
    }

    [Fact]
    public void A_key_pasted_into_concatenated_code_strings_has_the_fingerprint_of_the_key()
    {
        var pem = KeyWithPlusAtLineEnd();
        var lines = pem.Split('\n');
        var code = "String key =\n" + string.Join(" +\n", lines.Select(l => $"    \"{l}\\n\"")) + ";\n";

        var finding = Scan.Single(code, "src/Signer.java");

        Assert.Equal(Scan.Fingerprint(pem), finding.Fingerprint);
    }
}
