using Lanyard.Core.Inventory;
using Lanyard.Server.Api;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Credentials or identities, filtered, searched, sorted and paged by keyset.</summary>
public sealed class InventoryModel(InventoryService inventory, TimeProvider time) : DashboardPage
{
    public bool ShowIdentities { get; private set; }

    public string? Environment { get; private set; }

    public string? Owner { get; private set; }

    public CredentialKind? Kind { get; private set; }

    public CredentialState? State { get; private set; }

    public string? Text { get; private set; }

    public CredentialSort Sort { get; private set; }

    public bool OrphansOnly { get; private set; }

    /// <summary>The page position from the address: the page starts after it, or ends before it when <see cref="Backward"/>.</summary>
    public string? Cursor { get; private set; }

    public bool Backward { get; private set; }

    /// <summary>What was wrong with the filters, shown instead of results.</summary>
    public string? Error { get; private set; }

    public IReadOnlyList<string> Environments { get; private set; } = [];

    public IReadOnlyList<string> Owners { get; private set; } = [];

    public BrowsePage<CredentialRow>? Credentials { get; private set; }

    public BrowsePage<IdentityRow>? Identities { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        ShowIdentities = QueryValue("view") == "identities";
        Environment = QueryValue("environment");
        Owner = QueryValue("owner");
        Text = QueryValue("q");
        Cursor = QueryValue("cursor");
        if (Cursor is null && QueryValue("before") is { } before)
        {
            Cursor = before;
            Backward = true;
        }

        OrphansOnly = QueryValue("orphans") == "on";
        Sort = ReadEnum<CredentialSort>("sort") ?? CredentialSort.Name;
        Kind = ReadEnum<CredentialKind>("kind");
        State = ReadEnum<CredentialState>("state");

        Environments = [.. (await inventory.ListEnvironmentsAsync(cancellationToken)).Select(e => e.Name).Where(Sees)];
        Owners = [.. (await inventory.OwnerNamesAsync(cancellationToken)).Values.Order(StringComparer.OrdinalIgnoreCase)];
        if (Error is not null)
        {
            return;
        }

        if (ShowIdentities)
        {
            var page = await inventory.BrowseIdentitiesAsync(new IdentityBrowse
            {
                Environment = Environment, Within = VisibleEnvironments, Owner = Owner, Text = Text, OrphansOnly = OrphansOnly,
                Cursor = Cursor, Backward = Backward,
            }, cancellationToken);
            Identities = page.Value;
            Error = page.Problem?.Detail;
        }
        else
        {
            var page = await inventory.BrowseCredentialsAsync(new CredentialBrowse
            {
                Environment = Environment, Within = VisibleEnvironments, Owner = Owner, Kind = Kind, State = State, Text = Text,
                Sort = Sort, Cursor = Cursor, Backward = Backward,
            }, cancellationToken);
            Credentials = page.Value;
            Error = page.Problem?.Detail;
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>
    /// This list's address with the same filters; the page position is dropped unless given, as the
    /// position to start after (<paramref name="cursor"/>) or to end before (<paramref name="before"/>).
    /// </summary>
    public string Link(string? cursor = null, string? view = null, string? before = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(key, value));
            }
        }

        var identities = (view ?? (ShowIdentities ? "identities" : "credentials")) == "identities";
        Add("view", identities ? "identities" : null);
        Add("environment", Environment);
        Add("owner", Owner);
        if (!identities)
        {
            Add("kind", Kind is { } k ? EnumText.Of(k) : null);
            Add("state", State is { } s ? EnumText.Of(s) : null);
            Add("sort", Sort == CredentialSort.Name ? null : EnumText.Of(Sort));
        }
        else
        {
            Add("orphans", OrphansOnly ? "on" : null);
        }

        Add("q", Text);
        Add("cursor", cursor);
        Add("before", before);
        return "/inventory" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }

    private T? ReadEnum<T>(string name) where T : struct, Enum
    {
        if (QueryValue(name) is not { } text)
        {
            return null;
        }

        if (EnumText.TryParse<T>(text, out var value))
        {
            return value;
        }

        Error = $"'{text}' is not a {name}; choose one of {EnumText.List<T>()}.";
        return null;
    }
}
