using System.Text.Json;
using Lanyard.Acme;

namespace Lanyard.Server.Acme;

/// <summary>Responses of the ACME server: JSON objects with their Location, problems as application/problem+json.</summary>
internal static class AcmeResults
{
    /// <summary>Seconds a client should wait before polling an object that is still being worked on.</summary>
    public const int RetryAfterSeconds = 1;

    public static IResult Json(HttpContext http, object body, int status = StatusCodes.Status200OK, string? location = null)
    {
        if (location is not null)
        {
            http.Response.Headers.Location = location;
        }

        return Results.Json(body, AcmeViews.Options, "application/json", status);
    }

    public static IResult Problem(AcmeProblem problem) =>
        Results.Text(JsonSerializer.Serialize(problem, AcmeViews.Options), "application/problem+json", statusCode: problem.Status);

    public static void RetryAfter(HttpContext http) =>
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void LinkUp(HttpContext http, string url) => http.Response.Headers.Append("Link", $"<{url}>;rel=\"up\"");
}
