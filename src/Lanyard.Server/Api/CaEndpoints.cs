using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Pki;
using Lanyard.Server.Auth;
using Lanyard.Server.OAuth;
using Lanyard.Store.Pki;

namespace Lanyard.Server.Api;

/// <summary>
/// An environment's CA for operators: what it is, importing an existing root or intermediate in
/// place of the generated one, and replacing the issuing intermediate by hand.
/// </summary>
internal static class CaEndpoints
{
    public static void MapEnvironmentCa(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/environments/{env}/ca").WithTags("PKI");
        group.MapGet("/", ShowAsync);
        group.MapPost("/import", ImportAsync);
        group.MapPost("/rotate-intermediate", RotateAsync);
    }

    private static async Task<IResult> ShowAsync(string env, HttpContext http, EnvironmentCaStore cas, IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        var ca = await cas.GetAsync(env, urls.PkiBase(http.Request), ct);
        return ca.ToResult(c => Results.Ok(CaView.From(c)));
    }

    private static async Task<IResult> ImportAsync(
        string env, ImportCaRequest? body, HttpContext http, EnvironmentCaStore cas, IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        byte[]? pkcs12 = null;
        if (body?.Pkcs12 is { } encoded)
        {
            try
            {
                pkcs12 = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                return Problems.Invalid("pkcs12", "The PKCS#12 is not base64.");
            }
        }

        var source = new CaImportSource(body?.Certificate, body?.Key, pkcs12, body?.Password, body?.Chain);
        var imported = await cas.ImportAsync(env, source, urls.PkiBase(http.Request), http.User.ToActor(), ct);
        return imported.ToResult(c => Results.Ok(CaView.From(c)));
    }

    private static async Task<IResult> RotateAsync(string env, HttpContext http, EnvironmentCaStore cas, IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        var rotated = await cas.RotateIntermediateAsync(env, urls.PkiBase(http.Request), http.User.ToActor(), ct);
        return rotated.ToResult(c => Results.Ok(CaView.From(c)));
    }
}

/// <summary>
/// <c>POST /v1/environments/{env}/ca/import</c>: the CA certificate (maybe with its chain) and its
/// private key as PEM, or a base64 PKCS#12 with its password; more chain certificates in <c>chain</c>.
/// </summary>
public sealed record ImportCaRequest(string? Certificate = null, string? Key = null, string? Pkcs12 = null, string? Password = null, string? Chain = null);

/// <summary>One certificate of an environment's CA hierarchy.</summary>
public sealed record CaCertificateView(
    string Subject, string KeyId, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string KeyAlgorithm, int KeySize, string Fingerprint)
{
    public static CaCertificateView From(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var key = KeyFacts.Of(certificate.PublicKey);
        return new(certificate.Subject, EnvironmentCa.IdOf(certificate), new DateTimeOffset(certificate.NotBefore),
            new DateTimeOffset(certificate.NotAfter), key.Algorithm, key.Size, key.Fingerprint);
    }
}

/// <summary>A retired intermediate, kept while its leaves have not expired.</summary>
public sealed record RetiredIssuerView(CaCertificateView Certificate, DateTimeOffset RetiredAt);

/// <summary>
/// An environment's CA: where it came from (<c>generated</c>, <c>imported-root</c>,
/// <c>imported-intermediate</c>), its root, issuing intermediate and when that is renewed, and the
/// retired intermediates whose CRLs are still published.
/// </summary>
public sealed record CaView(
    string Environment, string TrustDomain, string Origin, CaCertificateView Root, IReadOnlyList<CaCertificateView> Chain,
    CaCertificateView Intermediate, DateTimeOffset? RenewsAt, IReadOnlyList<RetiredIssuerView> Retired, int BundleRoots)
{
    public static CaView From(EnvironmentCa ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        var renewsAt = ca.HoldsRootKey
            ? new DateTimeOffset(ca.Intermediate.NotAfter) - EnvironmentCa.RenewalWindow(ca.Intermediate)
            : (DateTimeOffset?)null;
        return new(ca.Environment, ca.TrustDomain, EnumText.Of(ca.Origin), CaCertificateView.From(ca.Root),
            [.. ca.Chain.Select(CaCertificateView.From)], CaCertificateView.From(ca.Intermediate), renewsAt,
            [.. ca.Retired.Select(r => new RetiredIssuerView(CaCertificateView.From(r.Issuer), r.RetiredAt))], ca.Roots.Count);
    }
}
