using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>
/// An issuing CA that no longer signs leaves but still signs the CRL for those it signed, with
/// the root it chains to, which stays in the trust bundle while it is kept.
/// </summary>
/// <param name="Issuer">The former issuing CA, with its private key.</param>
/// <param name="Chain">The certificates between it and its root, if any.</param>
/// <param name="Root">The root it chains to (without a key).</param>
/// <param name="RetiredAt">When it stopped issuing.</param>
public sealed record RetiredIssuer(X509Certificate2 Issuer, IReadOnlyList<X509Certificate2> Chain,
    X509Certificate2 Root, DateTimeOffset RetiredAt)
{
    /// <summary>The hex subject key identifier that names its CRL.</summary>
    public string Id => EnvironmentCa.IdOf(Issuer);
}
