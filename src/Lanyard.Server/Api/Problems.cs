using Lanyard.Core;

namespace Lanyard.Server.Api;

/// <summary>Turns expected failures into RFC 9457 problem documents with stable types.</summary>
internal static class Problems
{
    public const string TypePrefix = "urn:lanyard:problem:";

    public static IResult From(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (status, slug, title) = problem.Kind switch
        {
            ProblemKind.Invalid => (StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid"),
            ProblemKind.NotFound => (StatusCodes.Status404NotFound, "not-found", "Not found"),
            ProblemKind.Conflict => (StatusCodes.Status409Conflict, "conflict", "The request conflicts with the current state"),
            ProblemKind.Forbidden => (StatusCodes.Status403Forbidden, "forbidden", "Not allowed"),
            _ => (StatusCodes.Status500InternalServerError, "internal", "Internal error"),
        };

        var extensions = problem.Field is null ? null : new Dictionary<string, object?> { ["field"] = problem.Field };
        return Results.Problem(problem.Detail, statusCode: status, title: title, type: TypePrefix + slug, extensions: extensions);
    }

    public static IResult Invalid(string field, string detail) => From(Problem.Invalid(field, detail));

    /// <summary>The value on success, its problem document otherwise.</summary>
    public static IResult ToResult<T>(this Result<T> result, Func<T, IResult> onSuccess)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        return result.Succeeded ? onSuccess(result.Value!) : From(result.Problem!);
    }
}
