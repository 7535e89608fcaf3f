using System.Net.Mail;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
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
    public async Task<Result<Owner>> GetOwnerAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), idOrName, cancellationToken);
        return owner is null ? Problem.NotFound("owner", idOrName) : owner;
    }

    public Task<Result<Owner>> CreateOwnerAsync(string name, string? contact, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<Owner>(async db =>
        {
            if (ValidateOwner(name, contact) is { } invalid)
            {
                return invalid;
            }

            if (await db.Owners.AnyAsync(o => o.Name == name, cancellationToken))
            {
                return Problem.Conflict($"An owner named '{name}' already exists.", "name");
            }

            var owner = new Owner { Name = name, Contact = contact, CreatedAt = Now, UpdatedAt = Now };
            db.Owners.Add(owner);
            return (owner, new AuditEntry(actor, "owner.create", $"owner/{owner.Id}") { Detail = Named(name) });
        }, cancellationToken);

    public Task<Result<Owner>> UpdateOwnerAsync(
        string idOrName, string? newName, string? contact, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<Owner>(async db =>
        {
            var owner = await FindOwnerAsync(db.Owners, idOrName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", idOrName);
            }

            if (ValidateOwner(newName ?? owner.Name, contact ?? owner.Contact) is { } invalid)
            {
                return invalid;
            }

            if (newName is not null && newName != owner.Name && await db.Owners.AnyAsync(o => o.Name == newName, cancellationToken))
            {
                return Problem.Conflict($"An owner named '{newName}' already exists.", "name");
            }

            owner.Name = newName ?? owner.Name;
            owner.Contact = contact ?? owner.Contact;
            owner.UpdatedAt = Now;
            return (owner, new AuditEntry(actor, "owner.update", $"owner/{owner.Id}") { Detail = Named(owner.Name) });
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
            return Problem.Invalid("name", "An owner name starts with a letter or digit and has at most 128 letters, digits, spaces and . _ @ -.");
        }

        return contact is not null && !MailAddress.TryCreate(contact, out _)
            ? Problem.Invalid("contact", $"'{contact}' is not an email address.")
            : null;
    }

    private static Dictionary<string, object?> Named(string name) => new() { ["name"] = name };

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
