using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    /// <summary>The environments every installation starts with.</summary>
    public static readonly IReadOnlyList<string> DefaultEnvironments = ["dev", "staging", "prod"];

    public async Task<IReadOnlyList<DeploymentEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.Environments.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
    }

    public async Task<Result<DeploymentEnvironment>> GetEnvironmentAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var environment = await db.Environments.AsNoTracking().SingleOrDefaultAsync(e => e.Name == name, cancellationToken);
        return environment is null ? Problem.NotFound("environment", name) : environment;
    }

    public Task<Result<DeploymentEnvironment>> CreateEnvironmentAsync(
        EnvironmentDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return WriteAsync<DeploymentEnvironment>(async db =>
        {
            if (Validate(draft) is { } invalid)
            {
                return invalid;
            }

            if (await db.Environments.AnyAsync(e => e.Name == draft.Name, cancellationToken))
            {
                return Problem.Conflict($"An environment named '{draft.Name}' already exists.", "name");
            }

            // Each environment is its own SPIFFE trust domain: a second one by the same name would
            // give two CAs the same identities, and what trusts one would accept the other's names.
            var trustDomain = (draft.TrustDomain ?? DeploymentEnvironment.DefaultTrustDomain(draft.Name)).ToLowerInvariant();
            var holder = await db.Environments.AsNoTracking().Where(e => e.TrustDomain.ToLower() == trustDomain)
                .Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                return Problem.Conflict(
                    $"The trust domain '{trustDomain}' belongs to environment '{holder}'; environments share no trust "
                        + "domain.", "trustDomain");
            }

            var environment = new DeploymentEnvironment
            {
                Name = draft.Name,
                TrustDomain = trustDomain,
                StaleAfterDays = draft.StaleAfterDays ?? DeploymentEnvironment.DefaultStaleAfterDays,
                RenewalWindowDays = draft.RenewalWindowDays ?? DeploymentEnvironment.DefaultRenewalWindowDays,
                CreatedAt = Now,
            };
            db.Environments.Add(environment);
            return (environment, new AuditEntry(actor, "environment.create", $"environment/{environment.Name}"));
        }, cancellationToken);
    }

    /// <summary>Creates dev, staging and prod when they do not exist yet (first start).</summary>
    public async Task EnsureDefaultEnvironmentsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in DefaultEnvironments)
        {
            await using var db = store.CreateContext();
            if (!await db.Environments.AnyAsync(e => e.Name == name, cancellationToken))
            {
                await CreateEnvironmentAsync(new EnvironmentDraft(name), Actor.System, cancellationToken);
            }
        }
    }

    public Task<Result<DeploymentEnvironment>> UpdateEnvironmentAsync(
        string name, EnvironmentPatch patch, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return WriteAsync<DeploymentEnvironment>(async db =>
        {
            var environment = await db.Environments.SingleOrDefaultAsync(e => e.Name == name, cancellationToken);
            if (environment is null)
            {
                return Problem.NotFound("environment", name);
            }

            if (ValidateThresholds(patch.StaleAfterDays, patch.RenewalWindowDays) is { } invalid)
            {
                return invalid;
            }

            if (await db.PolicyVersions.AnyAsync(p => p.Environment == name, cancellationToken))
            {
                return Problem.Conflict(
                    $"Environment '{name}' is governed by its policy; change stale-after and renewal-window there and apply it.");
            }

            environment.StaleAfterDays = patch.StaleAfterDays ?? environment.StaleAfterDays;
            environment.RenewalWindowDays = patch.RenewalWindowDays ?? environment.RenewalWindowDays;
            return (environment, new AuditEntry(actor, "environment.update", $"environment/{name}"));
        }, cancellationToken);
    }

    public Task<Result<bool>> DeleteEnvironmentAsync(string name, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async db =>
        {
            var environment = await db.Environments.SingleOrDefaultAsync(e => e.Name == name, cancellationToken);
            if (environment is null)
            {
                return Problem.NotFound("environment", name);
            }

            if (await db.Identities.AnyAsync(i => i.Environment == name, cancellationToken)
                || await db.Credentials.AnyAsync(c => c.Environment == name, cancellationToken))
            {
                return Problem.Conflict($"Environment '{name}' still holds identities or credentials; delete them first.");
            }

            db.Environments.Remove(environment);
            return (true, new AuditEntry(actor, "environment.delete", $"environment/{name}"));
        }, cancellationToken);

    private static Problem? Validate(EnvironmentDraft draft)
    {
        if (!InventoryNames.IsValidEnvironment(draft.Name))
        {
            return Problem.Invalid("name", "An environment name is a lowercase DNS label: a-z, 0-9 and '-', at most 63 characters.");
        }

        if (draft.TrustDomain is { } domain && Uri.CheckHostName(domain) != UriHostNameType.Dns)
        {
            return Problem.Invalid("trustDomain", $"'{domain}' is not a DNS name; a SPIFFE trust domain is one.");
        }

        return ValidateThresholds(draft.StaleAfterDays, draft.RenewalWindowDays);
    }

    private static Problem? ValidateThresholds(int? staleAfterDays, int? renewalWindowDays)
    {
        if (staleAfterDays is < 1 or > 3650)
        {
            return Problem.Invalid("staleAfterDays", "staleAfterDays must be between 1 and 3650.");
        }

        return renewalWindowDays is < 1 or > 3650
            ? Problem.Invalid("renewalWindowDays", "renewalWindowDays must be between 1 and 3650.")
            : null;
    }
}
