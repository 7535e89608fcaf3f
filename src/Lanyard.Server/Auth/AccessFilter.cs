using Microsoft.AspNetCore.Routing.Patterns;

namespace Lanyard.Server.Auth;

/// <summary>
/// Runs every API endpoint through the access table. It runs after the request is bound, so
/// rows whose target is in the body (a new identity's environment and owner) are judged on it.
/// An endpoint without a row is a programming error and fails closed.
/// </summary>
internal sealed class AccessFilter(AccessControl access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var row = RowOf(http);
        if (!row.Public && http.User.Identity?.IsAuthenticated != true)
        {
            return Results.Challenge();
        }

        var refusal = await access.JudgeAsync(row, http, context.Arguments, http.RequestAborted);
        return refusal is null ? await next(context) : AccessControl.Problem(refusal);
    }

    private static AccessRow RowOf(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern
            ?? throw new InvalidOperationException($"{http.Request.Path} is not a routed endpoint.");
        return AccessTable.Find(http.Request.Method, PatternText(pattern))
            ?? throw new InvalidOperationException(
                $"The access table has no row for {http.Request.Method} {PatternText(pattern)}; every endpoint needs one.");
    }

    /// <summary>The pattern as the access table writes it: from the root, as Razor Pages' routes are not.</summary>
    public static string PatternText(RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = pattern.RawText ?? "";
        return text.StartsWith('/') ? text : "/" + text;
    }
}
