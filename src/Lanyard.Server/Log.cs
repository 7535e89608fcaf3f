namespace Lanyard.Server;

/// <summary>
/// Every log line the server writes. Event ids come in bands: 1xxx start-up, 2xxx authentication,
/// 3xxx inventory and imports, 4xxx OAuth2 for workloads, 5xxx the lifecycle worker, 6xxx the ACME server. No line
/// carries a secret; tokens appear only as the fact of a refusal.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Created a new master key at {Path}")]
    public static partial void MasterKeyCreated(ILogger logger, string path);

    [LoggerMessage(1002, LogLevel.Information, "Created the system CA; its certificate is at {Path}")]
    public static partial void SystemCaCreated(ILogger logger, string path);

    [LoggerMessage(1003, LogLevel.Information, "Storage is {Dialect}; schema is up to date")]
    public static partial void StoreReady(ILogger logger, string dialect);

    [LoggerMessage(1004, LogLevel.Information, "The bootstrap admin token was set from LANYARD_BOOTSTRAP_TOKEN")]
    public static partial void BootstrapTokenPreset(ILogger logger);

    [LoggerMessage(2001, LogLevel.Warning, "Refused a request to {Path}: {Reason}")]
    public static partial void AuthenticationRefused(ILogger logger, string path, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Refused {Method} {Route} to {Role} {Caller}: {Reason}")]
    public static partial void AccessRefused(ILogger logger, string method, string route, string role, string caller, string reason);

    [LoggerMessage(3001, LogLevel.Information,
        "Imported {Source} exports into {Environment}: {CredentialsAdded} credentials added, {CredentialsChanged} "
            + "changed, {CredentialsGone} gone")]
    public static partial void Imported(ILogger logger, string source, string environment, int credentialsAdded,
        int credentialsChanged, int credentialsGone);

    [LoggerMessage(3002, LogLevel.Warning, "Rejected a {Source} import into {Environment}: {Problem}")]
    public static partial void ImportRejected(ILogger logger, string source, string environment, string problem);

    [LoggerMessage(4001, LogLevel.Debug, "Issued access token {Jti} to client {ClientId} in {Environment}, expiring {ExpiresAt}")]
    public static partial void AccessTokenIssued(ILogger logger, string jti, string clientId, string environment, DateTimeOffset expiresAt);

    [LoggerMessage(4002, LogLevel.Warning, "Refused {Action} in {Environment} for client {ClientId}: {Error} ({Reason})")]
    public static partial void OAuthRefused(ILogger logger, string action, string environment, string? clientId,
        string error, string reason);

    [LoggerMessage(3003, LogLevel.Information,
        "Scan report from {ScanSource}: {Received} findings, {Stored} new places, {Linked} linked to credentials, "
            + "{Resolved} places no longer found resolved")]
    public static partial void ScanReported(ILogger logger, string scanSource, int received, int stored, int linked, int resolved);

    [LoggerMessage(5001, LogLevel.Information,
        "Lifecycle sweep: {Rotated} rotated, {Retired} retired after their overlap, {Expired} expired, {SigningKeys} "
            + "signing keys scheduled")]
    public static partial void LifecycleSwept(ILogger logger, int rotated, int retired, int expired, int signingKeys);

    [LoggerMessage(5002, LogLevel.Error, "A lifecycle sweep failed; the next one retries what it left")]
    public static partial void LifecycleSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(5003, LogLevel.Information, "Webhooks: {Attempts} delivery attempts made")]
    public static partial void WebhooksSent(ILogger logger, int attempts);

    [LoggerMessage(5004, LogLevel.Error, "Sending webhooks failed; the next round retries")]
    public static partial void WebhookSendFailed(ILogger logger, Exception exception);

    [LoggerMessage(5005, LogLevel.Information,
        "Environment CAs: {Renewed} issuing intermediates renewed, {Dropped} retired intermediates dropped after their last leaf expired")]
    public static partial void IntermediatesRenewed(ILogger logger, int renewed, int dropped);

    [LoggerMessage(5006, LogLevel.Information, "Probed {Count} watched TLS endpoints")]
    public static partial void EndpointsProbed(ILogger logger, int count);

    [LoggerMessage(5007, LogLevel.Error, "Probing watched TLS endpoints failed; the next round retries")]
    public static partial void EndpointProbesFailed(ILogger logger, Exception exception);

    [LoggerMessage(6001, LogLevel.Information, "ACME {Environment}: {ChallengeType} validation of {Name} failed with {ProblemType}")]
    public static partial void AcmeChallengeFailed(ILogger logger, string environment, string challengeType,
        string name, string problemType);

    [LoggerMessage(6002, LogLevel.Error, "ACME validation of {Name} ({ChallengeType}) failed inside Lanyard")]
    public static partial void AcmeValidationError(ILogger logger, Exception exception, string name, string challengeType);

    [LoggerMessage(6003, LogLevel.Error, "ACME request to {Path} failed inside Lanyard")]
    public static partial void AcmeRequestFailed(ILogger logger, Exception exception, string path);
}
