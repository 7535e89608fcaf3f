namespace Lanyard.Server.OAuth;

/// <summary>
/// An RFC 6749 section 5.2 error response: <c>{"error": ..., "error_description": ...}</c> with
/// <c>Cache-Control: no-store</c>. A failed client authentication answers 401 with a challenge.
/// </summary>
internal sealed record OAuthError(string Code, string Description, int Status = StatusCodes.Status400BadRequest)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidTarget = "invalid_target";

    /// <summary>Why, in words for the audit trail; more than the caller is told.</summary>
    public string? Reason { get; init; }

    /// <summary>What the audit trail records: the internal reason when there is one.</summary>
    public string AuditReason => Reason ?? Description;

    public static OAuthError Request(string description) => new(InvalidRequest, description);

    public static OAuthError Client(string description) => new(InvalidClient, description, StatusCodes.Status401Unauthorized);

    public IResult ToResult(string realm) => new ErrorResult(this, realm);

    private sealed class ErrorResult(OAuthError error, string realm) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = error.Status;
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            if (error.Status == StatusCodes.Status401Unauthorized)
            {
                response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
            }

            return response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = error.Code,
                ["error_description"] = error.Description,
            });
        }
    }
}
