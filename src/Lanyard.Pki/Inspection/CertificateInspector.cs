using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki.Inspection;

/// <summary>
/// Judges a certificate the way Lanyard wants it judged, beyond what a chain builder checks:
/// expiry and the renewal window, hostname, issuer trust, key strength, SHA-1 or MD5 signatures
/// anywhere in the chain, and, for a certificate that carries a SPIFFE ID, the X509-SVID rules.
/// </summary>
public static class CertificateInspector
{
    private static readonly HashSet<string> WeakSignatures =
    [
        "1.2.840.113549.1.1.4", // md5WithRSAEncryption
        "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
        "1.2.840.10045.4.1", // ecdsa-with-SHA1
        "1.2.840.10040.4.3", // dsa-with-sha1
    ];

    /// <param name="leaf">The end-entity certificate.</param>
    /// <param name="presented">The other certificates that came with it (intermediates, maybe a root).</param>
    /// <param name="hostname">The name the client asked for, or null to skip the check.</param>
    /// <param name="trustedRoots">Roots to trust instead of the system's, or null for the system store.</param>
    /// <param name="now">The time to judge at.</param>
    /// <param name="renewalWindow">A certificate this close to its not-after is expiring.</param>
    public static IReadOnlyList<CertificateProblem> Inspect(
        X509Certificate2 leaf, X509Certificate2Collection presented, string? hostname, X509Certificate2Collection? trustedRoots,
        DateTimeOffset now, TimeSpan renewalWindow)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(presented);
        var problems = new List<CertificateProblem>();
        CheckValidity(leaf, now, renewalWindow, problems);
        if (hostname is not null && !leaf.MatchesHostname(hostname, allowWildcards: true, allowCommonName: false))
        {
            problems.Add(new("hostname-mismatch", $"the certificate does not name {hostname}"));
        }

        CheckTrust(leaf, presented, trustedRoots, now, problems);
        CheckKey(leaf, problems);
        foreach (var certificate in presented.Prepend(leaf).Where(c => WeakSignatures.Contains(c.SignatureAlgorithm.Value ?? "")))
        {
            problems.Add(new("weak-signature", $"{certificate.Subject} is signed with {certificate.SignatureAlgorithm.FriendlyName}"));
        }

        CheckSpiffe(leaf, problems);
        return problems;
    }

    private static void CheckValidity(X509Certificate2 leaf, DateTimeOffset now, TimeSpan renewalWindow, List<CertificateProblem> problems)
    {
        var notAfter = new DateTimeOffset(leaf.NotAfter);
        if (now > notAfter)
        {
            problems.Add(new("expired", $"expired {notAfter:u}"));
        }
        else if (now < new DateTimeOffset(leaf.NotBefore))
        {
            problems.Add(new("not-yet-valid", $"valid only from {new DateTimeOffset(leaf.NotBefore):u}"));
        }
        else if (notAfter - now < renewalWindow)
        {
            problems.Add(new("expiring", $"expires {notAfter:u}, in {(notAfter - now).TotalDays:0.#} days"));
        }
    }

    private static void CheckTrust(
        X509Certificate2 leaf, X509Certificate2Collection presented, X509Certificate2Collection? roots, DateTimeOffset now,
        List<CertificateProblem> problems)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        if (roots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        }

        // Expiry is reported on its own; here only whether the chain ends at a trusted root.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        if (!chain.Build(leaf))
        {
            var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
            problems.Add(new("untrusted-issuer", $"the chain does not end at a trusted root ({string.Join("; ", reasons)})"));
        }
    }

    private static void CheckKey(X509Certificate2 leaf, List<CertificateProblem> problems)
    {
        var facts = KeyFacts.Of(leaf.PublicKey);
        var weak = facts.Algorithm switch
        {
            "RSA" => facts.Size < 2048,
            "EC" => facts.Size < 256,
            _ => false,
        };
        if (weak)
        {
            problems.Add(new("weak-key", $"{facts.Algorithm} key of {facts.Size} bits"));
        }
    }

    private static void CheckSpiffe(X509Certificate2 leaf, List<CertificateProblem> problems)
    {
        var names = SubjectAlternativeNames.Of(leaf);
        if (!names.Uris.Any(u => u.StartsWith(SpiffeId.Scheme, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        void Violation(string detail) => problems.Add(new("spiffe-violation", detail));
        if (names.Uris.Count != 1)
        {
            Violation($"an X.509-SVID carries exactly one URI SAN; this one has {names.Uris.Count}");
        }

        if (names.Uris.FirstOrDefault(u => !SpiffeId.TryParse(u, out var id) || id!.Path.Length == 0) is { } bad)
        {
            Violation($"'{bad}' is not a SPIFFE ID of a workload");
        }

        if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true })
        {
            Violation("the leaf is a CA");
        }

        var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null || !usage.Critical || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            Violation("key usage must be present, critical, with digitalSignature");
        }
        else if ((usage.KeyUsages & (X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)) != 0)
        {
            Violation("the leaf may not sign certificates or CRLs");
        }
    }
}
