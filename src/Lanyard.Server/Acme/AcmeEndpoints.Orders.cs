using System.Text.Json;
using Lanyard.Acme;
using Lanyard.Pki;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

internal static partial class AcmeEndpoints
{
    /// <summary>newOrder (RFC 8555 section 7.4): DNS identifiers only; Lanyard sets the lifetime, so notBefore and
    /// notAfter are refused.</summary>
    private static async Task<IResult> NewOrderAsync(
        string env, HttpContext http, AcmeRequestReader reader, AcmeOrders orders, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        using var payload = request.Jws.PayloadJson();
        var root = payload.RootElement;
        if (root.TryGetProperty("notBefore", out _) || root.TryGetProperty("notAfter", out _))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("Lanyard sets certificate lifetimes itself; send "
                + "newOrder without notBefore and notAfter."));
        }

        var names = ReadIdentifiers(root);
        if (await orders.PolicyRefusalAsync(account, names, http.RequestAborted) is { } refusal)
        {
            throw new AcmeProblemException(AcmeProblem.RejectedIdentifier(refusal.Detail));
        }

        var replaces = await ReadReplacesAsync(root, account, orders, http.RequestAborted);
        var (order, authorizations) = await orders.CreateAsync(account, names, replaces, http.RequestAborted);
        return AcmeResults.Json(http, OrderView(http, env, urls, order, authorizations), StatusCodes.Status201Created,
            urls.Order(http.Request, env, order.Id));
    }

    private static async Task<IResult> OrderAsync(string env, string id, HttpContext http, AcmeRequestReader reader,
        AcmeOrders orders, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var order = await OwnOrderAsync(env, id, request.RequireAccount(), orders, http.RequestAborted);
        return await OrderResultAsync(http, env, urls, orders, order);
    }

    /// <summary>The account's orders (RFC 8555 section 7.1.2.1), newest first.</summary>
    private static async Task<IResult> OrdersAsync(string env, string id, HttpContext http, AcmeRequestReader reader,
        AcmeOrders orders, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        if (account.Id != id)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("A request may list only its own account's orders."));
        }

        var list = await orders.OrdersOfAsync(account.Id, http.RequestAborted);
        return AcmeResults.Json(http,
            new OrderListView([.. list.Where(o => o.Status != AcmeStatus.Invalid)
                .Select(o => urls.Order(http.Request, env, o.Id))]));
    }

    /// <summary>finalize (RFC 8555 section 7.4): the CSR must ask for exactly the order's names; issuance goes through
    /// the environment's CA.</summary>
    private static async Task<IResult> FinalizeAsync(string env, string id, HttpContext http, AcmeRequestReader reader,
        AcmeOrders orders, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        var order = await OwnOrderAsync(env, id, account, orders, http.RequestAborted);
        if (order.Status != AcmeStatus.Ready)
        {
            throw new AcmeProblemException(AcmeProblem.OrderNotReady(
                $"The order is {AcmeViews.Status(order.Status)}; it can be finalized once every authorization is valid, and only once."));
        }

        using var payload = request.Jws.PayloadJson();
        var csr = payload.RootElement.TryGetProperty("csr", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var csrPem = FinalizeRequest.CheckCsr(csr, order.Names);
        var finalized = await orders.FinalizeAsync(account, order, csrPem, urls.PkiBase(http.Request), http.RequestAborted);
        return await OrderResultAsync(http, env, urls, orders, finalized);
    }

    /// <summary>An authorization: read it (POST-as-GET) or deactivate it (RFC 8555 section 7.5.2).</summary>
    private static async Task<IResult> AuthorizationAsync(
        string env, string id, HttpContext http, AcmeRequestReader reader, AcmeOrders orders, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        var found = await orders.FindAuthorizationAsync(account.Id, id, http.RequestAborted)
            ?? throw new AcmeProblemException(AcmeProblem.NotFound("This account has no such authorization."));
        if (!request.Jws.IsPostAsGet)
        {
            using var payload = request.Jws.PayloadJson();
            if (!payload.RootElement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String
                || status.GetString() != "deactivated")
            {
                throw new AcmeProblemException(AcmeProblem.Malformed("A client may only set an authorization's status to 'deactivated'."));
            }

            await orders.DeactivateAuthorizationAsync(id, http.RequestAborted);
            found = (await orders.FindAuthorizationAsync(account.Id, id, http.RequestAborted))!.Value;
        }

        var (authorization, challenges) = found;
        if (authorization.Status == AcmeStatus.Pending && challenges.Any(c => c.Status == AcmeStatus.Processing))
        {
            AcmeResults.RetryAfter(http);
        }

        return AcmeResults.Json(http, AuthorizationView(http, env, urls, authorization, challenges));
    }

    /// <summary>The certificate chain (RFC 8555 section 7.4.2): the end-entity certificate, then the intermediate.</summary>
    private static async Task<IResult> CertificateAsync(string env, string id, HttpContext http,
        AcmeRequestReader reader, AcmeOrders orders)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var order = await OwnOrderAsync(env, id, request.RequireAccount(), orders, http.RequestAborted);
        return order.CertificateChainPem is { } chain
            ? Results.Text(chain, "application/pem-certificate-chain")
            : throw new AcmeProblemException(AcmeProblem.NotFound("This order has no certificate yet."));
    }

    private static async Task<AcmeOrder> OwnOrderAsync(string env, string id, AcmeAccount account, AcmeOrders orders, CancellationToken ct)
    {
        var order = await orders.FindOrderAsync(env, id, ct);
        return order is not null && order.AccountId == account.Id
            ? order
            : throw new AcmeProblemException(AcmeProblem.NotFound("This account has no such order."));
    }

    private static async Task<IResult> OrderResultAsync(HttpContext http, string env, AcmeUrls urls, AcmeOrders orders, AcmeOrder order)
    {
        if (order.Status == AcmeStatus.Processing)
        {
            AcmeResults.RetryAfter(http);
        }

        var authorizations = await orders.AuthorizationsOfAsync(order.Id, http.RequestAborted);
        return AcmeResults.Json(http, OrderView(http, env, urls, order, authorizations), StatusCodes.Status200OK,
            urls.Order(http.Request, env, order.Id));
    }

    private static OrderView OrderView(HttpContext http, string env, AcmeUrls urls, AcmeOrder order,
        IReadOnlyList<AcmeAuthorization> authorizations) =>
        new(AcmeViews.Status(order.Status), AcmeViews.Time(order.ExpiresAt), [.. order.Names.Select(AcmeIdentifier.Dns)],
            [.. authorizations.Select(a => urls.Authorization(http.Request, env, a.Id))],
            urls.Order(http.Request, env, order.Id) + "/finalize",
            order.CertificateChainPem is null ? null : urls.Certificate(http.Request, env, order.Id),
            AcmeViews.Problem(order.ErrorJson), order.Replaces);

    private static AuthorizationView AuthorizationView(
        HttpContext http, string env, AcmeUrls urls, AcmeAuthorization authorization, IReadOnlyList<AcmeChallenge> challenges) =>
        new(AcmeViews.Status(authorization.Status), AcmeViews.Time(authorization.ExpiresAt), AcmeIdentifier.Dns(authorization.Name),
            [.. challenges.Select(c => ChallengeView(http, env, urls, c))]);

    private static ChallengeView ChallengeView(HttpContext http, string env, AcmeUrls urls, AcmeChallenge challenge) =>
        new(challenge.Type, urls.Challenge(http.Request, env, challenge.Id), AcmeViews.Status(challenge.Status), challenge.Token,
            challenge.ValidatedAt is { } at ? AcmeViews.Time(at) : null, AcmeViews.Problem(challenge.ErrorJson));

    /// <summary>The order's DNS names, lowercase and distinct; anything else is refused before an order exists.</summary>
    private static List<string> ReadIdentifiers(JsonElement payload)
    {
        if (!payload.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array
            || identifiers.GetArrayLength() is 0 or > DnsNames.MaxNames)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("newOrder needs 'identifiers': an array of 1 to "
                + $"{DnsNames.MaxNames} identifiers."));
        }

        var names = new List<string>();
        var problems = new List<AcmeProblem>();
        foreach (var identifier in identifiers.EnumerateArray())
        {
            var type = identifier.ValueKind == JsonValueKind.Object && identifier.TryGetProperty("type", out var t)
                && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var value = identifier.ValueKind == JsonValueKind.Object && identifier.TryGetProperty("value", out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (type != "dns" || value is null)
            {
                problems.Add(AcmeProblem.UnsupportedIdentifier($"Identifier type '{type}' is not supported; Lanyard certifies DNS names.")
                    with { Identifier = new AcmeIdentifier(type ?? "", value ?? "") });
                continue;
            }

            var name = value.ToLowerInvariant();
            var refusal = name.StartsWith("*.", StringComparison.Ordinal)
                ? "Wildcard names need the dns-01 challenge, which this server does not offer."
                : DnsNames.Refusal(name);
            if (refusal is not null)
            {
                problems.Add(AcmeProblem.RejectedIdentifier(refusal) with { Identifier = AcmeIdentifier.Dns(value) });
            }
            else if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new AcmeProblemException(first with
            {
                Detail = problems.Count == 1 ? first.Detail : $"{problems.Count} identifiers are refused; see subproblems.",
                Identifier = null,
                Subproblems = problems,
            });
        }

        return names;
    }

    /// <summary>RFC 9773 section 5: <c>replaces</c> names a certificate of this account's identity that nothing has replaced yet.</summary>
    private static async Task<string?> ReadReplacesAsync(JsonElement payload, AcmeAccount account, AcmeOrders orders, CancellationToken ct)
    {
        if (!payload.TryGetProperty("replaces", out var replaces))
        {
            return null;
        }

        var id = replaces.ValueKind == JsonValueKind.String ? CertificateIdentifier.TryParse(replaces.GetString()) : null;
        if (id is null || !await orders.IsReplaceableAsync(account, id, ct))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed(
                "'replaces' must be the ARI id of a certificate issued to this account's identity that has not been replaced yet."));
        }

        return id.ToString();
    }
}
