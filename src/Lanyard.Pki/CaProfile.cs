namespace Lanyard.Pki;

/// <summary>Lifetimes and names of an environment's CA hierarchy.</summary>
public static class CaProfile
{
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan IntermediateLifetime = TimeSpan.FromDays(1095);

    /// <summary>How far a certificate's not-before lies in the past, for clocks that run a little behind.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(30);

    /// <summary>The CRL a CA publishes is valid this long and reissued when half of it has passed.</summary>
    public static readonly TimeSpan CrlLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Where one issuing CA of an environment publishes its CRL, under the server's public URL,
    /// named by its subject key identifier: a renewed intermediate's leaves keep pointing at the
    /// CRL their own issuer signs.
    /// </summary>
    public static string IssuingCrlUrl(string baseUrl, string environment, string issuerId) =>
        $"{baseUrl.TrimEnd('/')}/v1/crl/{environment}/{issuerId}.crl";

    /// <summary>Where an environment's root CA publishes its CRL (it revokes only intermediates).</summary>
    public static string RootCrlUrl(string baseUrl, string environment) => $"{baseUrl.TrimEnd('/')}/v1/crl/{environment}/root.crl";
}
