using System.Globalization;

namespace Lanyard.Server.Acme;

/// <summary>
/// Where challenge validation reaches a workload. RFC 8555 says port 80 for http-01 and 443 for
/// tls-alpn-01; tests and labs that cannot bind those move them. Resolving every name to loopback
/// lets a test validate names that no DNS knows.
/// </summary>
/// <param name="HttpChallengePort"><c>LANYARD_ACME_HTTP_PORT</c>, 80 unless set.</param>
/// <param name="TlsAlpnChallengePort"><c>LANYARD_ACME_TLS_ALPN_PORT</c>, 443 unless set.</param>
/// <param name="ResolveToLoopback"><c>LANYARD_ACME_RESOLVE_TO_LOOPBACK=true</c>: every name validates against 127.0.0.1.</param>
/// <param name="ValidationTimeout">How long one validation may take, connection and answer together.</param>
public sealed record AcmeSettings(int HttpChallengePort, int TlsAlpnChallengePort, bool ResolveToLoopback, TimeSpan ValidationTimeout)
{
    public static AcmeSettings Standard { get; } = new(80, 443, false, TimeSpan.FromSeconds(10));

    /// <summary>Reads the settings; throws naming the variable when one is unusable.</summary>
    public static AcmeSettings FromEnvironment() => new(
        Port("LANYARD_ACME_HTTP_PORT", Standard.HttpChallengePort),
        Port("LANYARD_ACME_TLS_ALPN_PORT", Standard.TlsAlpnChallengePort),
        Flag("LANYARD_ACME_RESOLVE_TO_LOOPBACK"),
        Standard.ValidationTimeout);

    private static int Port(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{name} is '{text}'; it must be a TCP port from 1 to 65535.");
    }

    private static bool Flag(string name) => Environment.GetEnvironmentVariable(name) switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        var text => throw new InvalidOperationException($"{name} is '{text}'; use true or false."),
    };
}
