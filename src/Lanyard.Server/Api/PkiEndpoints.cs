using System.Security.Claims;
using Lanyard.Core;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;
using Lanyard.Pki.Spiffe;
using Lanyard.Server.Auth;
using Lanyard.Server.OAuth;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Lanyard.Store.Pki;
using Lanyard.Store.Policy;

namespace Lanyard.Server.Api;

/// <summary>
/// The environments' PKI: SVIDs for workloads, TLS certificates for services, and the public
/// trust material (SPIFFE bundles, CRLs) that relying parties fetch without credentials.
/// </summary>
internal static class PkiEndpoints
{
    private const int MaxAudiences = 16;
    private const int MaxAudienceLength = 512;

    /// <summary>Bundles and CRLs: public, as relying parties must fetch them without a credential.</summary>
    public static void MapTrustMaterial(this RouteGroupBuilder v1)
    {
        v1.MapGet("/bundle/{env}.pem", BundlePemAsync).WithTags("PKI");
        v1.MapGet("/bundle/{env}", BundleAsync).WithTags("PKI");
        v1.MapGet("/crl/{env}.crl", IssuingCrlAsync).WithTags("PKI");
        v1.MapGet("/crl/{env}/root.crl", RootCrlAsync).WithTags("PKI");
        v1.MapGet("/crl/{env}/{issuer}.crl", IssuerCrlAsync).WithTags("PKI");
    }

    /// <summary>SVIDs, for a workload authenticated with its own credential.</summary>
    public static void MapSvids(this RouteGroupBuilder v1)
    {
        v1.MapPost("/svid/x509", IssueX509SvidAsync).WithTags("PKI");
        v1.MapPost("/svid/jwt", IssueJwtSvidAsync).WithTags("PKI");
    }

    /// <summary>TLS server certificates, issued by an admin for an identity.</summary>
    public static void MapCertificates(this RouteGroupBuilder v1) =>
        v1.MapPost("/identities/{id:guid}/certificates", IssueCertificateAsync).WithTags("Identities");

    private static async Task<IResult> IssueX509SvidAsync(
        X509SvidRequest? body, HttpContext http, CertificateIssuer issuer, IssuerUrls urls, CancellationToken ct)
    {
        if (WorkloadIdentity(http.User) is not { } identity)
        {
            return NotAWorkload();
        }

        var ttl = ParseTtl(body?.Ttl);
        if (!ttl.Succeeded)
        {
            return Problems.From(ttl.Problem!);
        }

        var order = new CertificateOrder([], body?.Csr, ttl.Value, urls.PkiBase(http.Request));
        var issued = http.Features.Get<AuthenticatedWorkload>() is { } workload && workload.Identity.Id == identity
            ? await issuer.IssueSvidAsync(workload.Identity, order, http.User.ToActor(), ct)
            : await issuer.IssueSvidAsync(identity, order, http.User.ToActor(), ct);
        return issued.ToResult(i => Results.Ok(new X509SvidView(i.Credential.SubjectAlternativeNames[^1],
            LeafPem(i), i.Ca.ChainPem, i.Ca.BundlePem,
            i.Credential.ExpiresAt!.Value, i.Credential.Id.Value)));
    }

    private static async Task<IResult> IssueJwtSvidAsync(
        JwtSvidRequest? body, HttpContext http, EnvironmentCaStore cas, InventoryService inventory, PolicyStore policies,
        TimeProvider time, CancellationToken ct)
    {
        if (WorkloadIdentity(http.User) is not { } identityId
            || !SpiffeId.TryParse(http.User.FindFirstValue(LanyardClaims.SpiffeId), out var spiffeId))
        {
            return NotAWorkload();
        }

        var ttl = ParseTtl(body?.Ttl);
        if (!ttl.Succeeded)
        {
            return Problems.From(ttl.Problem!);
        }

        if (ttl.Value is { } asked && (asked < TimeSpan.FromMinutes(1) || asked > PolicyKinds.Ceiling(PolicyCredentialKind.JwtSvid)))
        {
            return Problems.Invalid("ttl", $"A JWT-SVID lives between 1m and 1d; {Durations.Format(asked)} was asked for.");
        }

        var audiences = body?.Audience ?? [];
        if (audiences.Count is 0 or > MaxAudiences || audiences.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > MaxAudienceLength))
        {
            return Problems.Invalid("audience",
                $"A JWT-SVID names between 1 and {MaxAudiences} audiences, each a non-empty string of at most "
                    + $"{MaxAudienceLength} characters.");
        }

        var environment = http.User.FindFirstValue(LanyardClaims.Environment)!;
        var identity = await inventory.GetIdentityAsync(identityId, ct);
        if (!identity.Succeeded)
        {
            return Problems.From(identity.Problem!);
        }

        var decision = PolicyEvaluator.Evaluate(await policies.PolicyAsync(environment, ct),
            new IssuanceRequest(PolicyCredentialKind.JwtSvid, identity.Value!.Name, JwtSvidKey.DefaultLifetime)
            {
                RequestedLifetime = ttl.Value, HasOwner = identity.Value.OwnerId is not null, SpiffePath = spiffeId!.Path,
            });
        if (decision.Refusal is { } refusal)
        {
            await policies.RecordRefusalAsync(http.User.ToActor(), "svid.jwt.issue", spiffeId.ToString(), refusal, ct);
            return Problems.From(refusal.ToProblem());
        }

        var key = await cas.GetJwtKeyAsync(environment, ct);
        var now = time.GetUtcNow();
        var expiresAt = now + decision.Lifetime;
        var token = key.Sign(spiffeId!, audiences, now, decision.Lifetime);
        await inventory.RecordAsync(new AuditEntry(http.User.ToActor(), "svid.jwt.issue", spiffeId!.ToString())
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = environment, ["audience"] = string.Join(' ', audiences), ["kid"] = key.Kid, ["expiresAt"] = expiresAt,
            },
        }, ct);
        return Results.Ok(new JwtSvidView(spiffeId.ToString(), token, audiences,
            DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds())));
    }

    private static async Task<IResult> IssueCertificateAsync(
        Guid id, IssueCertificateRequest? body, HttpContext http, CertificateIssuer issuer, InventoryService inventory, IssuerUrls urls,
        CancellationToken ct)
    {
        var ttl = ParseTtl(body?.Ttl);
        if (!ttl.Succeeded)
        {
            return Problems.From(ttl.Problem!);
        }

        var order = new CertificateOrder(body?.DnsNames ?? [], body?.Csr, ttl.Value, urls.PkiBase(http.Request));
        var issued = await issuer.IssueServerAsync(new IdentityId(id), order, http.User.ToActor(), ct);
        var owners = await inventory.OwnerNamesAsync(ct);
        return issued.ToResult(i => Results.Created($"/v1/credentials/{i.Credential.Id}", new IssuedCertificateView(
            LeafPem(i), i.Ca.ChainPem, i.Ca.BundlePem,
            i.PrivateKeyPem is null ? null : i.PrivateKeyPem + "\n", i.Credential.ExpiresAt!.Value,
            CredentialView.From(i.Credential, owners))));
    }

    /// <summary>The leaf as PEM; the certificate object is released here, not left to the finalizer.</summary>
    private static string LeafPem(IssuedCertificate issued)
    {
        using var certificate = issued.Certificate;
        return certificate.ExportCertificatePem() + "\n";
    }

    private static async Task<IResult> BundleAsync(string env, HttpContext http, EnvironmentCaStore cas,
        IssuerUrls urls, CancellationToken ct)
    {
        var ca = await CaAsync(env, http, cas, urls, ct);
        if (!ca.Succeeded)
        {
            return Problems.From(ca.Problem!);
        }

        var jwtKey = await cas.GetJwtKeyAsync(env, ct);
        var sequence = await cas.BundleSequenceAsync(env, ct);
        var bundle = TrustBundle.Build(ca.Value!.Roots, [jwtKey], sequence);
        return Results.Text(bundle.ToJsonString(), "application/json");
    }

    private static async Task<IResult> BundlePemAsync(string env, HttpContext http, EnvironmentCaStore cas,
        IssuerUrls urls, CancellationToken ct)
    {
        var ca = await CaAsync(env, http, cas, urls, ct);
        return ca.Succeeded ? Results.Text(ca.Value!.BundlePem, "application/x-pem-file") : Problems.From(ca.Problem!);
    }

    private static async Task<IResult> IssuingCrlAsync(string env, HttpContext http, CrlPublisher crls, IssuerUrls urls,
        CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        var crl = await crls.IssuingCrlAsync(env, urls.PkiBase(http.Request), cancellationToken: ct);
        return crl.ToResult(der => Results.Bytes(der, "application/pkix-crl"));
    }

    /// <summary>The CRL of one issuing CA, current or retired, named by its subject key identifier as its leaves name it.</summary>
    private static async Task<IResult> IssuerCrlAsync(
        string env, string issuer, HttpContext http, CrlPublisher crls, IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env) || issuer.Length > 128 || !issuer.All(char.IsAsciiHexDigit))
        {
            return Problems.From(Problem.NotFound("issuing CA", $"{env}/{issuer}"));
        }

        var crl = await crls.IssuingCrlAsync(env, urls.PkiBase(http.Request), issuer, ct);
        return crl.ToResult(der => Results.Bytes(der, "application/pkix-crl"));
    }

    private static async Task<IResult> RootCrlAsync(string env, HttpContext http, CrlPublisher crls, IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        var crl = await crls.RootCrlAsync(env, urls.PkiBase(http.Request), ct);
        return crl.ToResult(der => Results.Bytes(der, "application/pkix-crl"));
    }

    private static async Task<Result<Lanyard.Pki.EnvironmentCa>> CaAsync(
        string env, HttpContext http, EnvironmentCaStore cas, IssuerUrls urls, CancellationToken ct) =>
        InventoryNames.IsValidEnvironment(env) ? await cas.GetAsync(env, urls.PkiBase(http.Request), ct)
            : Problem.NotFound("environment", env);

    private static Result<TimeSpan?> ParseTtl(string? text)
    {
        if (text is null)
        {
            return (TimeSpan?)null;
        }

        return Durations.TryParse(text, out var parsed)
            ? (TimeSpan?)parsed
            : Problem.Invalid("ttl", $"'{text}' is not a lifetime; write it as a number and a unit, such as 90s, 15m, 12h or 30d.");
    }

    private static IdentityId? WorkloadIdentity(ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.Workload)) && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new IdentityId(id)
            : null;

    private static IResult NotAWorkload() => Problems.From(new Problem(ProblemKind.Forbidden,
        "SVIDs are issued to workloads: authenticate with the identity's own API key or access token."));
}
