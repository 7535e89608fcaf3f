using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>
/// A TLS endpoint Lanyard probes on a schedule. The certificate it last presented is a credential
/// of source <see cref="CredentialSource.Probe"/>; what the last probe found wrong that the
/// certificate alone does not show (wrong name, untrusted issuer, no answer) is kept here.
/// </summary>
public sealed class WatchedEndpoint
{
    public const int MaxHostLength = 253;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Host { get; set; }

    public int Port { get; set; }

    /// <summary>The name sent as SNI and checked against the certificate; the host when null.</summary>
    public string? ServerName { get; set; }

    public required string Environment { get; set; }

    /// <summary>The identity that serves the endpoint, which the observed certificate is bound to.</summary>
    public IdentityId? IdentityId { get; set; }

    /// <summary>The credential recording the certificate the endpoint last presented.</summary>
    public CredentialId? CredentialId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the endpoint is next due; a prober claims it by moving this forward.</summary>
    public DateTimeOffset NextProbeAt { get; set; }

    public DateTimeOffset? LastProbedAt { get; set; }

    /// <summary>Why the last probe got no certificate (refused, no TLS, timeout), or null.</summary>
    public string? LastError { get; set; }

    /// <summary>Since when the endpoint has failed to answer, or null while it answers.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }

    /// <summary>What the last successful probe found wrong, by kind (<c>hostname-mismatch</c>, ...).</summary>
    public List<ProbeProblem> Problems { get; set; } = [];

    public string Target => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>One problem a probe found, by a stable kind and in words.</summary>
public sealed record ProbeProblem(string Kind, string Detail);
