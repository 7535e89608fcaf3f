using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki;

/// <summary>What an end-entity certificate says: its SPIFFE ID, DNS names and lifetime.</summary>
/// <param name="SpiffeId">The one URI SAN.</param>
/// <param name="DnsNames">DNS SANs; none for an X.509-SVID.</param>
/// <param name="CommonName">The subject's CN, which relying parties show but must not trust.</param>
/// <param name="Lifetime">Asked for; the certificate never outlives its issuer.</param>
public sealed record LeafProfile(SpiffeId SpiffeId, IReadOnlyList<string> DnsNames, string CommonName, TimeSpan Lifetime)
{
    /// <summary>The default lifetime of an X.509-SVID.</summary>
    public static readonly TimeSpan DefaultSvidLifetime = TimeSpan.FromHours(1);

    /// <summary>The default lifetime of a TLS server certificate.</summary>
    public static readonly TimeSpan DefaultServerLifetime = TimeSpan.FromDays(30);

    /// <summary>The longest lifetime Lanyard signs for any end-entity certificate.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(397);

    /// <summary>The shortest.</summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(1);
}
