using System.Globalization;
using System.Text;
using Lanyard.Core;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

/// <summary>
/// The reads behind the dashboard. Lists page by keyset on an indexed (column, id) order, so the
/// thousandth page costs what the first does; nothing loads the whole inventory.
/// </summary>
public sealed partial class InventoryService
{
    private const int IdentityDetailLimit = 500;
    private const int IdentityEventLimit = 200;
    private const int OwnerIdentityLookupLimit = 2000;

    public async Task<Result<BrowsePage<CredentialRow>>> BrowseCredentialsAsync(
        CredentialBrowse query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var filtered = db.Credentials.AsNoTracking();
        if (query.Environment is { } environment)
        {
            filtered = filtered.Where(c => c.Environment == environment);
        }

        if (query.Within is { } within)
        {
            filtered = filtered.Where(c => within.Contains(c.Environment));
        }

        if (query.Owner is { } ownerName)
        {
            var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), ownerName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", ownerName);
            }

            // The owner's identities are read first, so both halves of the match use an index
            // instead of a subquery per credential.
            var ownerId = owner.Id;
            var identityIds = await db.Identities.AsNoTracking().Where(i => i.OwnerId == ownerId)
                .Select(i => (IdentityId?)i.Id).Take(OwnerIdentityLookupLimit + 1).ToListAsync(cancellationToken);
            filtered = identityIds.Count <= OwnerIdentityLookupLimit
                ? filtered.Where(c => c.OwnerId == ownerId || identityIds.Contains(c.IdentityId))
                : filtered.Where(c => c.OwnerId == ownerId || db.Identities.Any(i => i.Id == c.IdentityId && i.OwnerId == ownerId));
        }

        if (query.Kind is { } kind)
        {
            filtered = filtered.Where(c => c.Kind == kind);
        }

        if (query.State is { } state)
        {
            filtered = filtered.Where(c => c.State == state);
        }

        if (query.Text is { Length: > 0 } text)
        {
            var pattern = "%" + EscapeLike(text.ToLowerInvariant()) + "%";
            filtered = filtered.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern, "\\"));
        }

        if (query.Cursor is not null && !KeysetCursor.TryRead(query.Cursor, out _))
        {
            return Problem.Invalid("cursor", "The page position is not one this list handed out; start from the first page.");
        }

        var limit = Math.Clamp(query.Limit, 1, ListQuery.MaxLimit);
        var backward = query.Backward && query.Cursor is not null;
        var total = await filtered.CountAsync(cancellationToken);
        var page = backward
            ? await CredentialsBeforeAsync(filtered, query.Sort, query.Cursor, limit + 1, cancellationToken)
            : await CredentialsAfterAsync(filtered, query.Sort, query.Cursor, limit + 1, cancellationToken);
        var (next, previous) = Window(page, limit, query.Cursor, backward, c => CursorOf(c, query.Sort));
        var rows = await ToRowsAsync(db, page, cancellationToken);
        return new BrowsePage<CredentialRow>(rows, total, next, previous);
    }

    /// <summary>
    /// Trims the one row read beyond the page (read only to learn whether more lie that way), puts
    /// a backward read back in display order, and names the positions on either side of the page.
    /// </summary>
    private static (string? Next, string? Previous) Window<T>(
        List<T> page, int limit, string? cursor, bool backward, Func<T, string> cursorOf)
    {
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(limit);
        }

        if (backward)
        {
            page.Reverse();
        }

        if (page.Count == 0)
        {
            return (null, null);
        }

        // A cursor names a row that was shown, so the side it was taken from always has rows.
        return backward
            ? (cursorOf(page[^1]), more ? cursorOf(page[0]) : null)
            : (more ? cursorOf(page[^1]) : null, cursor is null ? null : cursorOf(page[0]));
    }

    private static async Task<List<Credential>> CredentialsAfterAsync(
        IQueryable<Credential> filtered, CredentialSort sort, string? cursor, int take, CancellationToken cancellationToken)
    {
        KeysetCursor.TryRead(cursor, out var position);
        var afterId = position.Id is { } id ? new CredentialId(id) : (CredentialId?)null;
        switch (sort)
        {
            case CredentialSort.Expires:
                // Two indexed runs: dated credentials by (expires, id), then undated ones by id.
                var page = new List<Credential>();
                if (afterId is null || position.Ticks is not null)
                {
                    var dated = filtered.Where(c => c.ExpiresAt != null);
                    if (afterId is { } after && position.Ticks is { } ticks)
                    {
                        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                        dated = dated.Where(c => c.ExpiresAt >= at && (c.ExpiresAt > at || c.Id > after));
                    }

                    page.AddRange(await dated.OrderBy(c => c.ExpiresAt).ThenBy(c => c.Id).Take(take).ToListAsync(cancellationToken));
                }

                if (page.Count < take)
                {
                    var undated = filtered.Where(c => c.ExpiresAt == null);
                    if (afterId is { } after && position.Ticks is null)
                    {
                        undated = undated.Where(c => c.Id > after);
                    }

                    page.AddRange(await undated.OrderBy(c => c.Id).Take(take - page.Count).ToListAsync(cancellationToken));
                }

                return page;

            case CredentialSort.Environment:
                if (afterId is { } afterEnv && position.Text is { } envText && position.Second is { } nameText)
                {
                    filtered = filtered.Where(c => c.Environment.CompareTo(envText) >= 0
                        && (c.Environment.CompareTo(envText) > 0 || c.Name.CompareTo(nameText) > 0
                            || (c.Name == nameText && c.Id > afterEnv)));
                }

                return await filtered.OrderBy(c => c.Environment).ThenBy(c => c.Name).ThenBy(c => c.Id).Take(take)
                    .ToListAsync(cancellationToken);

            case CredentialSort.Updated:
                if (afterId is { } afterUpdated && position.Ticks is { } updatedTicks)
                {
                    var at = new DateTimeOffset(updatedTicks, TimeSpan.Zero);
                    filtered = filtered.Where(c => c.UpdatedAt <= at && (c.UpdatedAt < at || c.Id < afterUpdated));
                }

                return await filtered.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(take)
                    .ToListAsync(cancellationToken);

            default:
                if (afterId is { } afterName && position.Text is { } name)
                {
                    filtered = filtered.Where(c => c.Name.CompareTo(name) >= 0 && (c.Name.CompareTo(name) > 0 || c.Id > afterName));
                }

                return await filtered.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(take).ToListAsync(cancellationToken);
        }
    }

    /// <summary>The rows just before a cursor, nearest first: each order of <see cref="CredentialsAfterAsync"/> run in reverse.</summary>
    private static async Task<List<Credential>> CredentialsBeforeAsync(
        IQueryable<Credential> filtered, CredentialSort sort, string? cursor, int take, CancellationToken cancellationToken)
    {
        KeysetCursor.TryRead(cursor, out var position);
        if (position.Id is not { } id)
        {
            return [];
        }

        var before = new CredentialId(id);
        switch (sort)
        {
            case CredentialSort.Expires:
                // Back through the undated run (when the cursor is in it), then on into the dated one.
                var page = new List<Credential>();
                if (position.Ticks is null)
                {
                    page.AddRange(await filtered.Where(c => c.ExpiresAt == null && c.Id < before)
                        .OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken));
                }

                if (page.Count < take)
                {
                    var dated = filtered.Where(c => c.ExpiresAt != null);
                    if (position.Ticks is { } ticks)
                    {
                        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                        dated = dated.Where(c => c.ExpiresAt <= at && (c.ExpiresAt < at || c.Id < before));
                    }

                    page.AddRange(await dated.OrderByDescending(c => c.ExpiresAt).ThenByDescending(c => c.Id)
                        .Take(take - page.Count).ToListAsync(cancellationToken));
                }

                return page;

            case CredentialSort.Environment when position.Text is { } envText && position.Second is { } nameText:
                return await filtered.Where(c => c.Environment.CompareTo(envText) <= 0
                        && (c.Environment.CompareTo(envText) < 0 || c.Name.CompareTo(nameText) < 0
                            || (c.Name == nameText && c.Id < before)))
                    .OrderByDescending(c => c.Environment).ThenByDescending(c => c.Name).ThenByDescending(c => c.Id)
                    .Take(take).ToListAsync(cancellationToken);

            case CredentialSort.Updated when position.Ticks is { } updatedTicks:
                var updatedAt = new DateTimeOffset(updatedTicks, TimeSpan.Zero);
                return await filtered.Where(c => c.UpdatedAt >= updatedAt && (c.UpdatedAt > updatedAt || c.Id > before))
                    .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Take(take).ToListAsync(cancellationToken);

            case CredentialSort.Name when position.Text is { } name:
                return await filtered.Where(c => c.Name.CompareTo(name) <= 0 && (c.Name.CompareTo(name) < 0 || c.Id < before))
                    .OrderByDescending(c => c.Name).ThenByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);

            default:
                return [];
        }
    }

    private static string CursorOf(Credential last, CredentialSort sort) => sort switch
    {
        CredentialSort.Expires => KeysetCursor.Write(last.Id.Value, ticks: last.ExpiresAt?.UtcTicks),
        CredentialSort.Environment => KeysetCursor.Write(last.Id.Value, text: last.Environment, second: last.Name),
        CredentialSort.Updated => KeysetCursor.Write(last.Id.Value, ticks: last.UpdatedAt.UtcTicks),
        _ => KeysetCursor.Write(last.Id.Value, text: last.Name),
    };

    private static async Task<IReadOnlyList<CredentialRow>> ToRowsAsync(
        LanyardDbContext db, List<Credential> page, CancellationToken cancellationToken)
    {
        var identityIds = page.Where(c => c.IdentityId is not null).Select(c => c.IdentityId!.Value).Distinct().ToList();
        var identities = await db.Identities.AsNoTracking().Where(i => identityIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Name, i.OwnerId }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var ownerIds = page.Select(c => c.OwnerId
            ?? (c.IdentityId is { } i && identities.TryGetValue(i, out var identity) ? identity.OwnerId : null))
            .OfType<OwnerId>().Distinct().ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        return [.. page.Select(c =>
        {
            var identity = c.IdentityId is { } id ? identities.GetValueOrDefault(id) : null;
            var ownerId = c.OwnerId ?? identity?.OwnerId;
            return new CredentialRow(c.Id, c.Name, c.Kind, c.State, c.Source, c.Environment, c.ExpiresAt, c.LastUsedAt, c.UpdatedAt,
                c.IdentityId, identity?.Name, ownerId is { } o ? owners.GetValueOrDefault(o) : null);
        })];
    }

    public async Task<Result<BrowsePage<IdentityRow>>> BrowseIdentitiesAsync(IdentityBrowse query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var filtered = db.Identities.AsNoTracking();
        if (query.Environment is { } environment)
        {
            filtered = filtered.Where(i => i.Environment == environment);
        }

        if (query.Within is { } within)
        {
            filtered = filtered.Where(i => within.Contains(i.Environment));
        }

        if (query.Owner is { } ownerName)
        {
            var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), ownerName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", ownerName);
            }

            var ownerId = owner.Id;
            filtered = filtered.Where(i => i.OwnerId == ownerId);
        }

        if (query.OrphansOnly)
        {
            filtered = filtered.Where(i => i.OwnerId == null && i.Class == IdentityClass.Machine && !i.Gone);
        }

        if (query.Text is { Length: > 0 } text)
        {
            var pattern = "%" + EscapeLike(text.ToLowerInvariant()) + "%";
            filtered = filtered.Where(i => EF.Functions.Like(i.Name.ToLower(), pattern, "\\")
                || EF.Functions.Like(i.SpiffeId.ToLower(), pattern, "\\"));
        }

        if (query.Cursor is not null && !KeysetCursor.TryRead(query.Cursor, out _))
        {
            return Problem.Invalid("cursor", "The page position is not one this list handed out; start from the first page.");
        }

        var limit = Math.Clamp(query.Limit, 1, ListQuery.MaxLimit);
        var total = await filtered.CountAsync(cancellationToken);
        var backward = query.Backward && query.Cursor is not null;
        List<Identity> page;
        if (KeysetCursor.TryRead(query.Cursor, out var position) && position.Id is { } guid && position.Text is { } name)
        {
            var at = new IdentityId(guid);
            page = backward
                ? await filtered.Where(i => i.Name.CompareTo(name) <= 0 && (i.Name.CompareTo(name) < 0 || i.Id < at))
                    .OrderByDescending(i => i.Name).ThenByDescending(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken)
                : await filtered.Where(i => i.Name.CompareTo(name) >= 0 && (i.Name.CompareTo(name) > 0 || i.Id > at))
                    .OrderBy(i => i.Name).ThenBy(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        }
        else
        {
            page = await filtered.OrderBy(i => i.Name).ThenBy(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        }

        var (next, previous) = Window(page, limit, query.Cursor, backward, i => KeysetCursor.Write(i.Id.Value, text: i.Name));

        var ids = page.Select(i => (IdentityId?)i.Id).ToList();
        var counts = await db.Credentials.AsNoTracking().Where(c => ids.Contains(c.IdentityId))
            .GroupBy(c => c.IdentityId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        var ownerIds = page.Select(i => i.OwnerId).OfType<OwnerId>().Distinct().ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        var rows = page.Select(i => new IdentityRow(i.Id, i.Name, i.Environment, i.SpiffeId, i.Class, i.Source, i.Gone,
            i.OwnerId is { } o ? owners.GetValueOrDefault(o) : null, counts.GetValueOrDefault(i.Id))).ToList();
        return new BrowsePage<IdentityRow>(rows, total, next, previous);
    }

    /// <summary>The estate at a glance: identities and live credentials per environment and kind, and what expires in 90 days.</summary>
    public async Task<EstateSummary> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var now = Now;
        var in30 = now.AddDays(30);
        var in60 = now.AddDays(60);
        var in90 = now.AddDays(90);

        var environments = await db.Environments.AsNoTracking().OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(cancellationToken);
        var identities = await db.Identities.AsNoTracking().GroupBy(i => i.Environment)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count,
                StringComparer.Ordinal, cancellationToken);
        var kinds = await db.Credentials.AsNoTracking()
            .Where(c => c.State == CredentialState.Active || c.State == CredentialState.Inactive)
            .GroupBy(c => new { c.Environment, c.Kind })
            .Select(g => new { g.Key.Environment, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var expiring = await db.Credentials.AsNoTracking()
            .Where(c => c.State == CredentialState.Active && c.ExpiresAt > now && c.ExpiresAt <= in90)
            .GroupBy(c => c.Environment)
            .Select(g => new
            {
                g.Key,
                Within30 = g.Count(c => c.ExpiresAt <= in30),
                Within60 = g.Count(c => c.ExpiresAt > in30 && c.ExpiresAt <= in60),
                Within90 = g.Count(c => c.ExpiresAt > in60),
            })
            .ToDictionaryAsync(g => g.Key, StringComparer.Ordinal, cancellationToken);

        return new EstateSummary(
            environments,
            identities,
            [.. kinds.Select(k => new KindCount(k.Environment, k.Kind, k.Count))
                .OrderBy(k => k.Environment, StringComparer.Ordinal).ThenBy(k => k.Kind)],
            [.. environments.Select(e => expiring.TryGetValue(e, out var x)
                ? new ExpiryBuckets(e, x.Within30, x.Within60, x.Within90)
                : new ExpiryBuckets(e, 0, 0, 0))]);
    }

    /// <summary>
    /// Every owner with how many identities and credentials (direct or through an identity) it
    /// answers for; only in <paramref name="within"/> when given, for a principal limited to some.
    /// </summary>
    public async Task<IReadOnlyList<OwnerLoad>> OwnerLoadsAsync(
        IReadOnlyList<string>? within = null, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var owners = await db.Owners.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var inScopeIdentities = db.Identities.AsNoTracking().Where(i => within == null || within.Contains(i.Environment));
        var inScopeCredentials = db.Credentials.AsNoTracking().Where(c => within == null || within.Contains(c.Environment));
        var identities = await inScopeIdentities.Where(i => i.OwnerId != null).GroupBy(i => i.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        var direct = await inScopeCredentials.Where(c => c.OwnerId != null).GroupBy(c => c.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        var throughIdentity = await inScopeCredentials.Where(c => c.OwnerId == null)
            .Join(db.Identities.Where(i => i.OwnerId != null), c => c.IdentityId, i => (IdentityId?)i.Id, (c, i) => i.OwnerId)
            .GroupBy(o => o).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);

        return [.. owners.Select(o => new OwnerLoad(o.Id, o.Name, o.Contact, identities.GetValueOrDefault(o.Id),
            direct.GetValueOrDefault(o.Id) + throughIdentity.GetValueOrDefault(o.Id)))
            .OrderByDescending(o => o.Credentials).ThenBy(o => o.Name, StringComparer.Ordinal)];
    }

    /// <summary>An identity, its owner, its credentials, and the newest audit events about it or them.</summary>
    public async Task<Result<IdentityDetail>> IdentityDetailAsync(IdentityId id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var identity = await db.Identities.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (identity is null)
        {
            return Problem.NotFound("identity", id.ToString());
        }

        var owner = identity.OwnerId is { } ownerId
            ? await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Id == ownerId, cancellationToken)
            : null;
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.IdentityId == id)
            .OrderBy(c => c.State).ThenByDescending(c => c.CreatedAt).Take(IdentityDetailLimit).ToListAsync(cancellationToken);
        var targets = credentials.Select(c => $"credential/{c.Id}").Append($"identity/{id}").ToList();
        var events = new List<AuditEvent>();
        foreach (var batch in targets.Chunk(LookupBatch))
        {
            events.AddRange(await db.AuditEvents.AsNoTracking().Where(a => batch.Contains(a.Target))
                .OrderByDescending(a => a.Sequence).Take(IdentityEventLimit).ToListAsync(cancellationToken));
        }

        return new IdentityDetail(identity, owner?.Name, owner?.Contact, credentials,
            [.. events.OrderByDescending(a => a.Sequence).Take(IdentityEventLimit)]);
    }

    /// <summary>Audit events before <paramref name="beforeSequence"/> (from the newest when null), newest first, filtered.</summary>
    public async Task<Page<AuditEvent>> ListAuditNewestFirstAsync(
        long? beforeSequence, int limit, string? action = null, string? actor = null, string? target = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var events = db.AuditEvents.AsNoTracking();
        if (beforeSequence is { } before)
        {
            events = events.Where(a => a.Sequence < before);
        }

        events = FilterAudit(events, action, actor, target);
        var clamped = ClampLimit(limit);
        var items = await events.OrderByDescending(a => a.Sequence).Take(clamped + 1).ToListAsync(cancellationToken);
        return ToPage(items, clamped, a => a.Sequence.ToString(CultureInfo.InvariantCulture));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// A keyset position: the id of the last row and its sort values, in a URL-safe text that
    /// carries nothing secret (names and times the page already showed).
    /// </summary>
    private static class KeysetCursor
    {
        private const char Separator = '\u001f';

        public static string Write(Guid id, long? ticks = null, string? text = null, string? second = null)
        {
            var raw = string.Join(Separator, id.ToString("N"), ticks?.ToString(CultureInfo.InvariantCulture) ?? "",
                text ?? "", second ?? "",
                text is null ? "0" : "1");
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static bool TryRead(string? cursor, out (Guid? Id, long? Ticks, string? Text, string? Second) position)
        {
            position = default;
            if (string.IsNullOrEmpty(cursor))
            {
                return false;
            }

            try
            {
                var base64 = cursor.Replace('-', '+').Replace('_', '/');
                base64 += new string('=', (4 - base64.Length % 4) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(Separator);
                if (parts.Length != 5 || !Guid.TryParseExact(parts[0], "N", out var id))
                {
                    return false;
                }

                long? ticks = null;
                if (parts[1].Length > 0)
                {
                    if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return false;
                    }

                    ticks = parsed;
                }

                position = (id, ticks, parts[4] == "1" ? parts[2] : null, parts[4] == "1" ? parts[3] : null);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
