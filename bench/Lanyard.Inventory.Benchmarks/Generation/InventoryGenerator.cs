using System.Globalization;

using Lanyard.Core.Inventory;

namespace Lanyard.Inventory.Benchmarks.Generation;

/// <summary>
/// A large, seeded inventory as a company with many clusters and accounts would hold after a few
/// years of imports: credentials spread over identities, environments and owners, with the share
/// of problems such an inventory really has (a few per cent orphaned, stale, expiring or expired,
/// under one per cent weak or reused across environments).
/// </summary>
internal sealed class InventoryGenerator
{
    /// <summary>dev, staging and prod exist on every installation; the rest are created for the run.</summary>
    public static readonly IReadOnlyList<string> Environments = ["dev", "staging", "prod", "sandbox", "eu-prod", "us-prod"];

    // Production environments hold more than the others.
    private static readonly int[] EnvironmentWeights = [15, 12, 30, 5, 20, 18];

    private static readonly string[] Words =
    [
        "orders", "billing", "invoice", "ledger", "dispatch", "tracking", "report", "export", "backup", "search",
        "payments", "fraud", "catalog", "pricing", "mailer", "sftp", "etl", "metrics", "audit", "sync",
    ];

    private const int CredentialsPerIdentity = 4;
    private const int OwnerCount = 400;
    private const int SharedValues = 2_000;

    private readonly int _credentials;
    private readonly DateTimeOffset _asOf;
    private readonly int _seed;
    private readonly string[] _sharedFingerprints;

    public InventoryGenerator(int credentials, DateTimeOffset asOf, int seed = 20261115)
    {
        _credentials = credentials;
        _asOf = asOf;
        _seed = seed;

        var random = new Random(seed ^ 0x5eed);
        _sharedFingerprints = Enumerable.Range(0, SharedValues).Select(_ => Fingerprint(random)).ToArray();
        Owners = Enumerable.Range(0, OwnerCount)
            .Select(i => new Owner
            {
                Name = $"team-{Words[i % Words.Length]}-{i / Words.Length}",
                Contact = $"team-{Words[i % Words.Length]}-{i / Words.Length}@example.com",
                CreatedAt = asOf.AddYears(-3),
                UpdatedAt = asOf.AddYears(-3),
            })
            .ToList();
        Identities = GenerateIdentities(new Random(seed)).ToList();
    }

    public List<Owner> Owners { get; }

    public List<Identity> Identities { get; }

    private IEnumerable<Identity> GenerateIdentities(Random random)
    {
        var count = Math.Max(1, _credentials / CredentialsPerIdentity);
        for (var i = 0; i < count; i++)
        {
            var environment = PickEnvironment(random);
            var kind = random.NextDouble();
            var identityClass = kind switch { < 0.92 => IdentityClass.Machine, < 0.97 => IdentityClass.Human, _ => IdentityClass.System };
            var fromAws = random.NextDouble() < 0.4;
            var name = $"{Words[random.Next(Words.Length)]}-{Words[random.Next(Words.Length)]}-{i:D7}";
            var path = fromAws ? $"/aws/iam/{name}" : $"/ns/{Words[random.Next(Words.Length)]}/sa/{name}";
            var created = _asOf.AddDays(-random.Next(1, 5 * 365));

            // A few machine identities have nobody accountable: the orphans posture reports.
            var owned = identityClass != IdentityClass.Machine || random.NextDouble() < 0.96;
            yield return new Identity
            {
                Name = name,
                Environment = environment,
                OwnerId = owned && identityClass == IdentityClass.Machine ? Owners[random.Next(Owners.Count)].Id : null,
                SpiffeId = $"spiffe://{DeploymentEnvironment.DefaultTrustDomain(environment)}{path}",
                Class = identityClass,
                Source = CredentialSource.Discovered,
                Origin = fromAws ? "aws credential report credential-report.csv" : "kubernetes ServiceAccount",
                ExternalKey = fromAws ? $"aws/iam/user/{name}" : $"kubernetes/serviceaccount/{name}",
                Gone = random.NextDouble() < 0.02,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = name[..name.IndexOf('-', StringComparison.Ordinal)] },
                CreatedAt = created,
                UpdatedAt = created,
            };
        }
    }

    /// <summary>The credentials, made one at a time so a million never sit in memory at once.</summary>
    public IEnumerable<Credential> Credentials()
    {
        var random = new Random(_seed + 1);
        for (var i = 0; i < _credentials; i++)
        {
            // One in twenty is a loose secret bound to no identity, most of them with an owner.
            var holder = random.NextDouble() < 0.05 ? null : Identities[random.Next(Identities.Count)];
            var environment = holder?.Environment ?? PickEnvironment(random);
            var kind = random.NextDouble() switch
            {
                < 0.35 => CredentialKind.AccessKey,
                < 0.55 => CredentialKind.ServiceAccountToken,
                < 0.80 => CredentialKind.Secret,
                < 0.95 => CredentialKind.Certificate,
                < 0.98 => CredentialKind.RegistryAuth,
                _ => CredentialKind.PrivateKey,
            };
            var created = _asOf.AddMinutes(-random.Next(60, 3 * 365 * 24 * 60));
            var credential = new Credential
            {
                Name = $"{Label(kind)} {i:D7}",
                Environment = environment,
                IdentityId = holder?.Id,
                OwnerId = holder is null && random.NextDouble() < 0.8 ? Owners[random.Next(Owners.Count)].Id : null,
                Kind = kind,
                Source = random.NextDouble() < 0.9 ? CredentialSource.Discovered : CredentialSource.Issued,
                Origin = $"{Label(kind)} in {environment}",
                ExternalKey = $"bench/{environment}/{i}",
                State = random.NextDouble() switch
                {
                    < 0.91 => CredentialState.Active,
                    < 0.95 => CredentialState.Inactive,
                    < 0.99 => CredentialState.Gone,
                    _ => CredentialState.Revoked,
                },
                Fingerprint = random.NextDouble() < 0.004 ? _sharedFingerprints[random.Next(SharedValues)] : Fingerprint(random),
                CreatedAt = created,
                UpdatedAt = created,
            };

            if (kind is CredentialKind.AccessKey or CredentialKind.ServiceAccountToken)
            {
                AddUsage(credential, random);
            }
            else if (kind == CredentialKind.Certificate)
            {
                AddCertificate(credential, random);
            }

            yield return credential;
        }
    }

    /// <summary>Four in five used lately, one in eight idle for months, the rest never used.</summary>
    private void AddUsage(Credential credential, Random random)
    {
        credential.UsageTracked = true;
        credential.LastRotatedAt = credential.CreatedAt;
        var usage = random.NextDouble();
        credential.LastUsedAt = usage switch
        {
            < 0.80 => _asOf.AddMinutes(-random.Next(1, 30 * 24 * 60)),
            < 0.92 => _asOf.AddDays(-random.Next(91, 500)),
            _ => null,
        };

        if (credential.LastUsedAt < credential.CreatedAt)
        {
            credential.LastUsedAt = credential.CreatedAt;
        }
    }

    /// <summary>Renewal dates spread over the next year, a few already past; RSA and EC keys, rarely weak.</summary>
    private void AddCertificate(Credential credential, Random random)
    {
        credential.ExpiresAt = _asOf.AddHours(random.Next(-20 * 24, 395 * 24));
        var rsa = random.NextDouble() < 0.65;
        credential.KeyAlgorithm = rsa ? "RSA" : "EC";
        credential.KeySize = rsa
            ? random.NextDouble() switch { < 0.01 => 1024, < 0.75 => 2048, < 0.95 => 3072, _ => 4096 }
            : 256;
        credential.SignatureAlgorithm = random.NextDouble() < 0.01 ? "sha1WithRSAEncryption"
            : rsa ? "sha256WithRSAEncryption" : "ecdsa-with-SHA256";
        var host = $"{Words[random.Next(Words.Length)]}.{credential.Environment}.example";
        credential.Subject = $"CN={host}";
        credential.Issuer = $"CN=Example Issuing CA {credential.Environment}";
        credential.SubjectAlternativeNames = [host];
    }

    private static string Label(CredentialKind kind) => kind switch
    {
        CredentialKind.AccessKey => "access key",
        CredentialKind.ServiceAccountToken => "service account token",
        CredentialKind.Certificate => "certificate",
        CredentialKind.RegistryAuth => "registry auth",
        CredentialKind.PrivateKey => "private key",
        _ => "secret",
    };

    private static string PickEnvironment(Random random)
    {
        var roll = random.Next(100);
        for (var i = 0; i < EnvironmentWeights.Length; i++)
        {
            roll -= EnvironmentWeights[i];
            if (roll < 0)
            {
                return Environments[i];
            }
        }

        return Environments[^1];
    }

    private static string Fingerprint(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{_credentials} credentials, {Identities.Count} identities, {Owners.Count} owners");
}
