using Lanyard.Server.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Lanyard.Server.Dashboard;

/// <summary>
/// Holds every dashboard page to the access table, as <see cref="AccessFilter"/> holds the API:
/// the page's route and method find the row, the route's id finds the target, and a refusal is
/// audited and answered with a page that says why.
/// </summary>
internal sealed class AccessPageFilter(AccessControl access) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern
            ?? throw new InvalidOperationException($"{http.Request.Path} is not a routed page.");
        var row = AccessTable.Find(http.Request.Method, AccessFilter.PatternText(pattern))
            ?? throw new InvalidOperationException($"The access table has no row for the page {AccessFilter.PatternText(pattern)}.");
        if (row.Public || http.User.Identity?.IsAuthenticated != true)
        {
            await next();
            return;
        }

        if (await access.JudgeAsync(row, http, [], http.RequestAborted) is { } refusal)
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentType = "text/html; charset=utf-8",
                Content = DashboardSessionHandler.ForbiddenPage($"Not allowed: {refusal.Reason}."),
            };
            return;
        }

        await next();
    }
}
