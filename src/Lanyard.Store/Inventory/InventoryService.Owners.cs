using System.Net.Mail;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    public async Task<Page<Owner>> ListOwnersAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var owners = db.Owners.AsNoTracking();

        if (query.Text is { Length: > 0 } text)
        {
            var lowered = text.ToLowerInvariant();
            owners = owners.Where(o => o.Name.ToLower().Contains(lowered));
        }

        if (OwnerId.TryParse(query.Cursor, out var after))
        {
            owners = owners.Where(o => o.Id > after);
        }

        var limit = ClampLimit(query.Limit);
        var items = await owners.OrderBy(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return ToPage(items, limit, o => o.Id.ToString());
    }

    /// <summary>Every owner's name by id, to show names beside ids in lists.</summary>
    public async Task<IReadOnlyDictionary<OwnerId, string>> OwnerNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.Owners.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    /// <summary>Finds an owner by id or by name.</summary>
    /// <summary>The environments an owner's identities live in: where its webhook's events come from.</summary>
    public async Task<IReadOnlyList<string>> OwnerEnvironmentsAsync(OwnerId owner, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.Identities.AsNoTracking().Where(i => i.OwnerId == owner).Select(i => i.Environment).Distinct()
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<Owner>> GetOwnerAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), idOrName, cancellationToken);
        return owner is null ? Problem.NotFound("owner", idOrName) : owner;
    }

    public async Task<Result<Owner>> CreateOwnerAsync(string name, string? contact, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var saved = await CreateOwnerAsync(new OwnerDraft(name, contact), actor, cancellationToken);
        return saved.Succeeded ? saved.Value!.Owner : saved.Problem!;
    }

    /// <summary>Creates an owner; with a webhook, its signing secret is made here and returned this once.</summary>
    public Task<Result<SavedOwner>> CreateOwnerAsync(OwnerDraft draft, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<SavedOwner>(async db =>
        {
            ArgumentNullException.ThrowIfNull(draft);
            var name = draft.Name;
            if ((ValidateOwner(name, draft.Contact) ?? ValidateWebhook(draft.Webhook)) is { } invalid)
            {
                return invalid;
            }

            if (await db.Owners.AnyAsync(o => o.Name == name, cancellationToken))
            {
                return Problem.Conflict($"An owner named '{name}' already exists.", "name");
            }

            var owner = new Owner { Name = name, Contact = draft.Contact, CreatedAt = Now, UpdatedAt = Now };
            var secret = draft.Webhook is { } url ? SetWebhook(owner, url) : null;
            db.Owners.Add(owner);
            return (new SavedOwner(owner, secret),
                new AuditEntry(actor, "owner.create", $"owner/{owner.Id}") { Detail = OwnerDetail(owner) });
        }, cancellationToken);

    public async Task<Result<Owner>> UpdateOwnerAsync(
        string idOrName, string? newName, string? contact, Actor actor, CancellationToken cancellationToken = default)
    {
        var saved = await UpdateOwnerAsync(idOrName, new OwnerPatch(newName, contact), actor, cancellationToken);
        return saved.Succeeded ? saved.Value!.Owner : saved.Problem!;
    }

    /// <summary>
    /// Changes an owner. Setting a webhook (new or the same URL) makes a new signing secret, returned
    /// this once; clearing it removes URL and secret, and pending deliveries are then abandoned.
    /// </summary>
    public Task<Result<SavedOwner>> UpdateOwnerAsync(
        string idOrName, OwnerPatch patch, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<SavedOwner>(async db =>
        {
            ArgumentNullException.ThrowIfNull(patch);
            var owner = await FindOwnerAsync(db.Owners, idOrName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", idOrName);
            }

            if (patch.Webhook is not null && patch.ClearWebhook)
            {
                return Problem.Invalid("webhook", "Set a webhook or clear it, not both.");
            }

            var newName = patch.Name;
            if ((ValidateOwner(newName ?? owner.Name, patch.Contact ?? owner.Contact) ?? ValidateWebhook(patch.Webhook)) is { } invalid)
            {
                return invalid;
            }

            if (newName is not null && newName != owner.Name && await db.Owners.AnyAsync(o => o.Name == newName, cancellationToken))
            {
                return Problem.Conflict($"An owner named '{newName}' already exists.", "name");
            }

            owner.Name = newName ?? owner.Name;
            owner.Contact = patch.Contact ?? owner.Contact;
            var secret = patch.Webhook is { } url ? SetWebhook(owner, url) : null;
            if (patch.ClearWebhook)
            {
                owner.WebhookUrl = null;
                owner.SealedWebhookSecret = null;
            }

            owner.UpdatedAt = Now;
            return (new SavedOwner(owner, secret), new AuditEntry(actor, "owner.update", $"owner/{owner.Id}")
            {
                Detail = new Dictionary<string, object?>(OwnerDetail(owner))
                {
                    ["webhookSecretRenewed"] = secret is not null,
                },
            });
        }, cancellationToken);

    public Task<Result<bool>> DeleteOwnerAsync(string idOrName, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async db =>
        {
            var owner = await FindOwnerAsync(db.Owners, idOrName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", idOrName);
            }

            if (await db.Identities.AnyAsync(i => i.OwnerId == owner.Id, cancellationToken)
                || await db.Credentials.AnyAsync(c => c.OwnerId == owner.Id, cancellationToken))
            {
                return Problem.Conflict($"Owner '{owner.Name}' still owns identities or credentials; reassign them first.");
            }

            db.Owners.Remove(owner);
            return (true, new AuditEntry(actor, "owner.delete", $"owner/{owner.Id}") { Detail = Named(owner.Name) });
        }, cancellationToken);

    private static async Task<Owner?> FindOwnerAsync(IQueryable<Owner> owners, string idOrName, CancellationToken cancellationToken) =>
        OwnerId.TryParse(idOrName, out var id)
            ? await owners.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            : await owners.SingleOrDefaultAsync(o => o.Name == idOrName, cancellationToken);

    private static Problem? ValidateOwner(string name, string? contact)
    {
        if (!InventoryNames.IsValidOwner(name))
        {
            return Problem.Invalid("name",
                "An owner name starts with a letter or digit and has at most 128 letters, digits, spaces and . _ @ -.");
        }

        return contact is not null && !MailAddress.TryCreate(contact, out _)
            ? Problem.Invalid("contact", $"'{contact}' is not an email address.")
            : null;
    }

    private static Dictionary<string, object?> Named(string name) => new() { ["name"] = name };

    /// <summary>The audit detail names the webhook's origin only: paths of hook URLs often carry tokens.</summary>
    private static Dictionary<string, object?> OwnerDetail(Owner owner) => new()
    {
        ["name"] = owner.Name,
        ["webhook"] = owner.WebhookUrl is { } url ? new Uri(url).GetLeftPart(UriPartial.Authority) : null,
    };

    private static Problem? ValidateWebhook(string? url) => url is null ? null : WebhookSecrets.Validate(url);

    /// <summary>Points the owner's webhook at <paramref name="url"/> with a fresh sealed secret, and returns that secret.</summary>
    private string SetWebhook(Owner owner, string url)
    {
        var secret = WebhookSecrets.Create();
        owner.WebhookUrl = url;
        owner.SealedWebhookSecret = sealer.Seal(System.Text.Encoding.UTF8.GetBytes(secret), WebhookSecrets.SealContext(owner.Id));
        return secret;
    }

    private static Page<T> ToPage<T>(List<T> items, int limit, Func<T, string> cursorOf)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(limit);
        return new Page<T>(items, cursorOf(items[^1]));
    }
}
