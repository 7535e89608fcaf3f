using Lanyard.Core;
using Lanyard.Core.Discovery;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Probes;

/// <summary>
/// The TLS endpoints Lanyard probes on a schedule: adding and removing them (audited), and the
/// claim by which one prober, on one replica, takes each due endpoint.
/// </summary>
public sealed partial class EndpointWatch(StoreFactory store, TimeProvider time)
{
    public async Task<Result<WatchedEndpoint>> AddAsync(EndpointDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Refusal(draft) is { } invalid)
        {
            return invalid;
        }

        return await AuditedWrite.RunAsync<WatchedEndpoint>(store, time, async db =>
        {
            var identityEnvironment = draft.IdentityId is { } identityId
                ? await db.Identities.Where(i => i.Id == identityId).Select(i => i.Environment).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (draft.IdentityId is not null && identityEnvironment is null)
            {
                return Problem.Invalid("identity", $"No identity {draft.IdentityId} exists.");
            }

            var environment = draft.Environment ?? identityEnvironment;
            if (environment is null)
            {
                return Problem.Invalid("environment", "Name the environment to watch the endpoint in, or the identity serving it.");
            }

            if (identityEnvironment is not null && identityEnvironment != environment)
            {
                return Problem.Invalid("identity", $"Identity {draft.IdentityId} belongs to {identityEnvironment}, not {environment}.");
            }

            if (!await db.Environments.AnyAsync(e => e.Name == environment, cancellationToken))
            {
                return Problem.NotFound("environment", environment);
            }

            var host = draft.Host.Trim().TrimStart('[').TrimEnd(']').ToLowerInvariant();
            if (await db.WatchedEndpoints.AnyAsync(e => e.Environment == environment && e.Host == host && e.Port == draft.Port,
                    cancellationToken))
            {
                return Problem.Conflict($"{host}:{draft.Port} is already watched in {environment}.");
            }

            var now = time.GetUtcNow();
            var endpoint = new WatchedEndpoint
            {
                Host = host, Port = draft.Port, ServerName = draft.ServerName, Environment = environment,
                IdentityId = draft.IdentityId, CreatedAt = now, NextProbeAt = now,
            };
            db.WatchedEndpoints.Add(endpoint);
            return (endpoint, Audit(actor, "endpoint.watch", endpoint));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WatchedEndpoint>> ListAsync(string? environment, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var query = db.WatchedEndpoints.AsNoTracking();
        if (environment is not null)
        {
            query = query.Where(e => e.Environment == environment);
        }

        return await query.OrderBy(e => e.Environment).ThenBy(e => e.Host).ThenBy(e => e.Port).ToListAsync(cancellationToken);
    }

    /// <summary>Stops watching; the certificate last observed stays in the inventory, marked gone.</summary>
    public Task<Result<WatchedEndpoint>> RemoveAsync(Guid id, Actor actor, CancellationToken cancellationToken = default) =>
        AuditedWrite.RunAsync<WatchedEndpoint>(store, time, async db =>
        {
            var endpoint = await db.WatchedEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (endpoint is null)
            {
                return Problem.NotFound("watched endpoint", id.ToString());
            }

            if (endpoint.CredentialId is { } credentialId
                && await db.Credentials.SingleOrDefaultAsync(c => c.Id == credentialId, cancellationToken) is { } credential)
            {
                credential.State = Core.Inventory.CredentialState.Gone;
                credential.UpdatedAt = time.GetUtcNow();
            }

            db.WatchedEndpoints.Remove(endpoint);
            return (endpoint, Audit(actor, "endpoint.unwatch", endpoint));
        }, cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="batchSize"/> due endpoints, moving each one's next probe
    /// <paramref name="interval"/> ahead only while no other prober moved it first.
    /// </summary>
    public async Task<IReadOnlyList<WatchedEndpoint>> ClaimDueAsync(int batchSize, TimeSpan interval,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        var due = await db.WatchedEndpoints.AsNoTracking().Where(e => e.NextProbeAt <= now)
            .OrderBy(e => e.NextProbeAt).Take(batchSize).ToListAsync(cancellationToken);
        var claimed = new List<WatchedEndpoint>();
        foreach (var endpoint in due)
        {
            var previous = endpoint.NextProbeAt;
            var next = now + interval;
            var won = await db.WatchedEndpoints.Where(e => e.Id == endpoint.Id && e.NextProbeAt == previous)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.NextProbeAt, next), cancellationToken);
            if (won == 1)
            {
                claimed.Add(endpoint);
            }
        }

        return claimed;
    }

    private static Problem? Refusal(EndpointDraft draft)
    {
        var host = draft.Host?.Trim().TrimStart('[').TrimEnd(']') ?? "";
        if (host.Length is 0 or > WatchedEndpoint.MaxHostLength || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return Problem.Invalid("host", $"'{draft.Host}' is not a host name or IP address.");
        }

        if (draft.Port is < 1 or > 65535)
        {
            return Problem.Invalid("port", $"{draft.Port} is not a port; use 1 to 65535.");
        }

        return draft.ServerName is { } name
            && (name.Length > WatchedEndpoint.MaxHostLength || Uri.CheckHostName(name) != UriHostNameType.Dns)
            ? Problem.Invalid("serverName", $"'{name}' is not a DNS name.")
            : null;
    }

    private static AuditEntry Audit(Actor actor, string action, WatchedEndpoint endpoint) =>
        new(actor, action, $"endpoint/{endpoint.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["target"] = endpoint.Target,
                ["environment"] = endpoint.Environment,
                ["serverName"] = endpoint.ServerName,
                ["identity"] = endpoint.IdentityId?.ToString(),
            },
        };
}
