using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Pki;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Issuance;

/// <summary>
/// Checks the certificate a client presented over mutual TLS. For <c>tls_client_auth</c> (RFC 8705
/// section 2.1.2) it must chain to the client's own environment CA for client authentication at
/// this moment, carry the client's registered URI SAN (the identity's SPIFFE ID), and be an
/// X.509-SVID Lanyard issued to that identity that is neither revoked nor expired in the inventory.
/// Revocation is read from the inventory, not a CRL, so it takes effect at once. For
/// <c>self_signed_tls_client_auth</c> (section 2.2) it must be the very certificate the client
/// registered, within its validity period.
/// </summary>
public sealed class ClientCertificateAuthenticator(
    StoreFactory store, EnvironmentCaStore cas, WorkloadAuthenticator workloads, UsageRecorder usage, TimeProvider time)
{
    private const string ClientAuthUsage = "1.3.6.1.5.5.7.3.2";

    public async Task<Result<WorkloadCaller>> AuthenticateAsync(
        string environment, string clientId, X509Certificate2 certificate, string crlBaseUrl, string? address,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var found = await workloads.FindClientAsync(environment, clientId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Problem!;
        }

        var (client, identity) = found.Value;
        if (client.SelfSignedCertificateThumbprint is { } registered)
        {
            return CheckSelfSigned(certificate, registered) is { } mismatch ? Refused(mismatch)
                : new WorkloadCaller(identity, null, client);
        }

        if (client.TlsClientAuthSanUri is not { } sanUri)
        {
            return Refused("the client is not registered for tls_client_auth");
        }

        var ca = await cas.GetAsync(environment, crlBaseUrl, cancellationToken);
        if (!ca.Succeeded)
        {
            return ca.Problem!;
        }

        if (CheckChain(certificate, ca.Value!) is { } untrusted)
        {
            return Refused(untrusted);
        }

        var uris = SubjectAlternativeNames.Of(certificate).Uris;
        if (uris.Count != 1 || uris[0] != sanUri || sanUri != identity.SpiffeId)
        {
            return Refused($"the certificate names {string.Join(", ", uris)} instead of the client's SPIFFE ID {sanUri}");
        }

        var credential = await FindIssuedAsync(environment, certificate, cancellationToken);
        if (CheckCredential(credential, identity) is { } withdrawn)
        {
            return Refused(withdrawn);
        }

        await usage.RecordAsync(credential!, address, cancellationToken);
        return new WorkloadCaller(identity, credential, client);
    }

    /// <summary>The <c>x5t#S256</c> of a certificate: the base64url SHA-256 of its DER encoding (RFC 8705 section 3.1).</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
    }

    private string? CheckSelfSigned(X509Certificate2 certificate, string registered)
    {
        if (Thumbprint(certificate) != registered)
        {
            return "the certificate is not the one the client registered";
        }

        var now = time.GetUtcNow();
        return now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime()
            ? "the registered certificate is expired or not yet valid"
            : null;
    }

    /// <summary>Why the certificate does not chain to the environment's CA for client authentication now; null when it does.</summary>
    private string? CheckChain(X509Certificate2 certificate, EnvironmentCa ca)
    {
        using var root = X509CertificateLoader.LoadCertificate(ca.Root.RawData);
        using var intermediate = X509CertificateLoader.LoadCertificate(ca.Intermediate.RawData);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthUsage));
        if (chain.Build(certificate))
        {
            // CustomRootTrust also accepts a chain through some other intermediate that happens to
            // sit in the machine's stores; only this environment's issuing CA counts.
            return chain.ChainElements.Count == 3 && chain.ChainElements[1].Certificate.RawData.AsSpan().SequenceEqual(intermediate.RawData)
                ? null
                : "the certificate was not issued by the environment's issuing CA";
        }

        var statuses = chain.ChainStatus.Select(s => s.Status).Distinct().ToList();
        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            return "the certificate is expired or not yet valid";
        }

        return statuses.Contains(X509ChainStatusFlags.NotValidForUsage)
            ? "the certificate is not valid for TLS client authentication"
            : $"the certificate does not chain to the environment's CA ({string.Join(", ", statuses)})";
    }

    private async Task<Credential?> FindIssuedAsync(string environment, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var fingerprint = KeyFacts.Of(certificate.PublicKey).Fingerprint;
        var serial = certificate.SerialNumber;
        await using var db = store.CreateContext();
        return await db.Credentials.AsNoTracking()
            .Where(c => c.Fingerprint == fingerprint && c.Kind == CredentialKind.Certificate && c.Source == CredentialSource.Issued
                && c.Environment == environment && c.SerialNumber == serial)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private string? CheckCredential(Credential? credential, Identity identity)
    {
        if (credential is null)
        {
            return "the certificate is not in the inventory of issued certificates";
        }

        if (credential.IdentityId != identity.Id)
        {
            return "the certificate was issued to another identity";
        }

        if (credential.State == CredentialState.Revoked)
        {
            return "the certificate is revoked";
        }

        return credential.State != CredentialState.Active || credential.ExpiresAt <= time.GetUtcNow()
            ? "the certificate has expired"
            : null;
    }

    private static Problem Refused(string reason) => new(ProblemKind.Forbidden, reason);
}
