namespace Lanyard.Scanning.Filtering;

/// <summary>
/// Credentials that vendors print in their documentation. They have the real format, so only an
/// explicit list tells them apart.
/// </summary>
internal static class DocumentedExamples
{
    private static readonly HashSet<string> Values = new(StringComparer.Ordinal)
    {
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "xoxb-not-a-real-token-this-will-not-work",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        "rk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "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",

        // The Azure storage emulator's (Azurite) fixed, published account key.
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    };

    /// <summary>Signatures of the example tokens on jwt.io and in RFC 7519.</summary>
    private static readonly string[] JwtSignatures =
    [
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "NHVaYe26MbtOYhSKkoKYdFVomg4i8ZJd8_-RU8VNbftc4TSMb4bXP3l3YlNWACwyXPGffz5aXHc6lty1Y2t4SWRqGteragsVdZufDn5B",
    ];

    public static bool Contains(string value) => Values.Contains(value);

    public static bool IsExampleJwt(string token)
    {
        foreach (var signature in JwtSignatures)
        {
            if (token.EndsWith(signature, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
