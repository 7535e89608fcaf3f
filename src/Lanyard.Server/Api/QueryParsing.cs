using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>Reads list filters from the query string, naming the parameter when a value is wrong.</summary>
internal static class QueryParsing
{
    public static Result<ListQuery> ReadListQuery(HttpRequest request)
    {
        var query = request.Query;
        var list = new ListQuery
        {
            Environment = NonEmpty(query["environment"]),
            Owner = NonEmpty(query["owner"]),
            Text = NonEmpty(query["q"]),
            Cursor = NonEmpty(query["cursor"]),
        };

        if (NonEmpty(query["limit"]) is { } limitText)
        {
            if (!int.TryParse(limitText, out var limit) || limit is < 1 or > ListQuery.MaxLimit)
            {
                return Problem.Invalid("limit", $"limit must be a whole number from 1 to {ListQuery.MaxLimit}.");
            }

            list = list with { Limit = limit };
        }

        if (NonEmpty(query["identity"]) is { } identityText)
        {
            if (!IdentityId.TryParse(identityText, out var identity))
            {
                return Problem.Invalid("identity", $"'{identityText}' is not an identity id.");
            }

            list = list with { Identity = identity };
        }

        if (NonEmpty(query["kind"]) is { } kindText)
        {
            if (!EnumText.TryParse<CredentialKind>(kindText, out var kind))
            {
                return Problem.Invalid("kind", $"'{kindText}' is not a credential kind; use one of {EnumText.List<CredentialKind>()}.");
            }

            list = list with { Kind = kind };
        }

        if (NonEmpty(query["state"]) is { } stateText)
        {
            if (!EnumText.TryParse<CredentialState>(stateText, out var state))
            {
                return Problem.Invalid("state", $"'{stateText}' is not a credential state; use one of {EnumText.List<CredentialState>()}.");
            }

            list = list with { State = state };
        }

        return list;
    }

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
