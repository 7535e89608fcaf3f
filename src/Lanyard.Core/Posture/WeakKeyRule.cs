namespace Lanyard.Core.Posture;

/// <summary>RSA keys under 2048 bits and SHA-1 signatures are weak.</summary>
internal static class WeakKeyRule
{
    public const int MinimumRsaBits = 2048;

    /// <summary>Why the credential's key or signature is weak, or null when it is not.</summary>
    public static string? Explain(PostureCredential credential)
    {
        var shortRsa = IsRsa(credential.KeyAlgorithm) && credential.KeySize is { } bits && bits < MinimumRsaBits;
        var sha1 = IsSha1(credential.SignatureAlgorithm);

        return (shortRsa, sha1) switch
        {
            (true, true) => $"{RsaReason(credential.KeySize)}, and it is signed with SHA-1 "
                            + $"({credential.SignatureAlgorithm})",
            (true, false) => RsaReason(credential.KeySize),
            (false, true) => $"signed with SHA-1 ({credential.SignatureAlgorithm}), which is no longer "
                             + "collision-resistant",
            _ => null,
        };
    }

    private static string RsaReason(int? bits) => $"RSA key of {bits} bits; at least {MinimumRsaBits} are required";

    private static bool IsRsa(string? algorithm) =>
        algorithm is not null && algorithm.StartsWith("RSA", StringComparison.OrdinalIgnoreCase);

    private static bool IsSha1(string? signatureAlgorithm) =>
        signatureAlgorithm is not null
        && (signatureAlgorithm.Contains("sha1", StringComparison.OrdinalIgnoreCase)
            || signatureAlgorithm.Contains("sha-1", StringComparison.OrdinalIgnoreCase));
}
