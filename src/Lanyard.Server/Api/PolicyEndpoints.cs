using System.Text;
using Lanyard.Core;
using Lanyard.Core.Policy;
using Lanyard.Server.Auth;
using Lanyard.Store.Policy;

namespace Lanyard.Server.Api;

/// <summary>
/// Environments' policies: <c>PUT</c> applies a YAML file, <c>GET</c> shows the version in force
/// and the history, <c>POST .../diff</c> shows what a file would change. An invalid file is a
/// 400 problem listing every error with its line and column.
/// </summary>
internal static class PolicyEndpoints
{
    public static void MapPolicies(this RouteGroupBuilder v1)
    {
        var policies = v1.MapGroup("/policies").WithTags("Policies");
        policies.MapPut("/{env}", ApplyAsync).Accepts<string>("application/yaml", "text/yaml", "text/plain");
        policies.MapGet("/{env}", CurrentAsync);
        policies.MapGet("/{env}/history", HistoryAsync);
        policies.MapPost("/{env}/diff", DiffAsync).Accepts<string>("application/yaml", "text/yaml", "text/plain");
    }

    private static async Task<IResult> ApplyAsync(string env, HttpRequest request, PolicyStore policies, CancellationToken ct)
    {
        var text = await ReadTextAsync(request, ct);
        if (!text.Succeeded)
        {
            return Problems.From(text.Problem!);
        }

        if (Invalid(env, text.Value!) is { } invalid)
        {
            return invalid;
        }

        var applied = await policies.ApplyAsync(env, text.Value!, request.HttpContext.User.ToActor(), ct);
        return applied.ToResult(a => Results.Ok(new PolicyAppliedView(
            env, a.Version.Version, a.Created, a.Changes.Select(PolicyChangeView.From).ToList())));
    }

    private static async Task<IResult> DiffAsync(string env, HttpRequest request, PolicyStore policies, CancellationToken ct)
    {
        var text = await ReadTextAsync(request, ct);
        if (!text.Succeeded)
        {
            return Problems.From(text.Problem!);
        }

        if (Invalid(env, text.Value!) is { } invalid)
        {
            return invalid;
        }

        var changes = await policies.DiffAsync(env, text.Value!, ct);
        return changes.ToResult(c => Results.Ok(new PolicyDiffView(env, c.Select(PolicyChangeView.From).ToList())));
    }

    private static async Task<IResult> CurrentAsync(string env, PolicyStore policies, CancellationToken ct) =>
        (await policies.CurrentAsync(env, ct)).ToResult(v => Results.Ok(PolicyView.From(v)));

    private static async Task<IResult> HistoryAsync(string env, PolicyStore policies, CancellationToken ct) =>
        (await policies.HistoryAsync(env, ct)).ToResult(h => Results.Ok(h.Select(PolicyHistoryView.From).ToList()));

    /// <summary>A 400 problem with every error of the file, or one naming the environment it governs instead.</summary>
    private static IResult? Invalid(string env, string text)
    {
        var (read, problem) = PolicyStore.Check(env, text);
        if (problem is null)
        {
            return null;
        }

        if (read.Succeeded)
        {
            return Problems.From(problem);
        }

        var errors = read.Errors.Select(e => new PolicyErrorView(e.Line, e.Column, e.Message)).ToList();
        return Results.Problem(
            $"The policy file has {errors.Count} error{(errors.Count == 1 ? "" : "s")}: {string.Join("; ", read.Errors)}",
            statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", type: Problems.TypePrefix + "invalid-policy",
            extensions: new Dictionary<string, object?> { ["field"] = "policy", ["errors"] = errors });
    }

    private static async Task<Result<string>> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > PolicyReader.MaxLength * 4L)
        {
            return Problem.Invalid("policy", $"The policy file is larger than {PolicyReader.MaxLength / 1024} KiB.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[PolicyReader.MaxLength + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += chunk;
        }

        return read > PolicyReader.MaxLength
            ? Problem.Invalid("policy", $"The policy file is larger than {PolicyReader.MaxLength / 1024} KiB.")
            : new string(buffer, 0, read);
    }
}
