using System.Text.Json;
using Lanyard.Server.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Lanyard.Server.Hosting;

/// <summary>
/// Turns a body that fails to bind (malformed JSON, a missing required field, an unknown field,
/// a wrong type) into a 400 problem document that names the field, instead of a bare 400.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var json = badRequest.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path : null;
        var detail = json is null
            ? badRequest.Message
            : $"The request body is not valid: {FirstSentence(json.Message)}";

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request is not valid",
                Type = Problems.TypePrefix + "invalid-request",
                Detail = detail,
                Extensions = { ["field"] = field },
            },
        });
    }

    // System.Text.Json appends path and position details after the first sentence; the field
    // extension carries the path already.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
