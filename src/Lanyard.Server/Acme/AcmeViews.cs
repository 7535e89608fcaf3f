using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lanyard.Acme;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

/// <summary>The JSON objects of RFC 8555 section 7.1 as Lanyard writes them: camelCase, nulls left out, RFC 3339 times.</summary>
internal static class AcmeViews
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Status(AcmeStatus status) => status.ToString().ToLowerInvariant();

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static AcmeProblem? Problem(string? json) => json is null ? null : JsonSerializer.Deserialize<AcmeProblem>(json);
}

internal sealed record DirectoryView(
    string NewNonce, string NewAccount, string NewOrder, string RevokeCert, string KeyChange, string RenewalInfo, DirectoryMeta Meta);

internal sealed record DirectoryMeta(bool ExternalAccountRequired, string Website);

internal sealed record AccountView(string Status, IReadOnlyList<string> Contact, string Orders)
{
    public static AccountView From(AcmeAccount account, string ordersUrl) =>
        new(AcmeViews.Status(account.Status), account.Contacts, ordersUrl);
}

internal sealed record OrderView(
    string Status, string Expires, IReadOnlyList<AcmeIdentifier> Identifiers, IReadOnlyList<string> Authorizations, string Finalize,
    string? Certificate, AcmeProblem? Error, string? Replaces);

internal sealed record OrderListView(IReadOnlyList<string> Orders);

internal sealed record ChallengeView(string Type, string Url, string Status, string Token, string? Validated, AcmeProblem? Error);

internal sealed record AuthorizationView(string Status, string Expires, AcmeIdentifier Identifier, IReadOnlyList<ChallengeView> Challenges);

internal sealed record RenewalInfoView(SuggestedWindow SuggestedWindow);

internal sealed record SuggestedWindow(string Start, string End);
