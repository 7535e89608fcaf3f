using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

public sealed partial class EnvironmentCa
{
    private const string CrlDistributionPointsOid = "2.5.29.31";

    /// <summary>
    /// How long before its end an issuing intermediate is replaced: a third of its lifetime, or
    /// twice the longest leaf lifetime when that is more, so a new leaf of any allowed lifetime
    /// never has to be cut short by its issuer's end.
    /// </summary>
    public static TimeSpan RenewalWindow(X509Certificate2 intermediate)
    {
        ArgumentNullException.ThrowIfNull(intermediate);
        var third = (intermediate.NotAfter - intermediate.NotBefore) / 3;
        var twoLeaves = LeafProfile.MaximumLifetime * 2;
        return third > twoLeaves ? third : twoLeaves;
    }

    /// <summary>
    /// Whether the issuing intermediate is in its renewal window and Lanyard can sign a successor
    /// that lives longer (it holds the root's key and the root outlives the current intermediate).
    /// </summary>
    public bool RenewalDue(DateTimeOffset now) =>
        HoldsRootKey
        && new DateTimeOffset(Intermediate.NotAfter) - now < RenewalWindow(Intermediate)
        && Min(now + CaProfile.IntermediateLifetime, Root.NotAfter) > new DateTimeOffset(Intermediate.NotAfter).AddDays(1);

    /// <summary>
    /// A new issuing intermediate under the same root; the current one is retired, keeps signing
    /// the CRL of its leaves, and stays until they have expired.
    /// </summary>
    public EnvironmentCa RenewIntermediate(DateTimeOffset now)
    {
        if (!HoldsRootKey)
        {
            throw new InvalidOperationException($"The root of environment {Environment} is held outside Lanyard.");
        }

        var next = IssueIntermediate(Environment, TrustDomain, Root, Intermediate.Extensions[CrlDistributionPointsOid], now);
        return new EnvironmentCa(Environment, TrustDomain, Root, Chain, next, [.. Retired, Retire(now)], Origin);
    }

    /// <summary>
    /// The hierarchy with an imported CA in place of the current one: an imported root gets a
    /// fresh issuing intermediate, an imported intermediate issues itself. The current
    /// intermediate is retired and its root stays in the bundle while it is kept.
    /// </summary>
    public EnvironmentCa WithImported(ImportedCa imported, string crlBaseUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(imported);
        List<RetiredIssuer> retired = [.. Retired, Retire(now)];
        if (imported.IsRoot)
        {
            var issuing = IssueIntermediate(Environment, TrustDomain, imported.Certificate, RootCrlPoint(crlBaseUrl, Environment), now);
            return new EnvironmentCa(Environment, TrustDomain, imported.Certificate, [], issuing, retired, CaOrigin.ImportedRoot);
        }

        return new EnvironmentCa(
            Environment, TrustDomain, imported.Root, imported.Chain, imported.Certificate, retired, CaOrigin.ImportedIntermediate);
    }

    /// <summary>The hierarchy without the retired intermediates <paramref name="keep"/> rejects.</summary>
    public EnvironmentCa Keeping(Func<RetiredIssuer, bool> keep) =>
        new(Environment, TrustDomain, Root, Chain, Intermediate, [.. Retired.Where(keep)], Origin);

    private RetiredIssuer Retire(DateTimeOffset now) =>
        new(Intermediate, Chain, X509CertificateLoader.LoadCertificate(Root.RawData), now);
}
