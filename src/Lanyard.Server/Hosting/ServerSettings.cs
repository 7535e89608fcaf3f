using Lanyard.Core;
using Lanyard.Store;
using Lanyard.Store.Pki;

namespace Lanyard.Server.Hosting;

/// <summary>
/// How the server starts, read from the environment as DESIGN.md names it: <c>LANYARD_DATA</c>,
/// <c>LANYARD_DB</c>, <c>LANYARD_CONNECTION</c>, <c>LANYARD_BOOTSTRAP_TOKEN</c>, <c>LANYARD_PUBLIC_URL</c>.
/// </summary>
public sealed class ServerSettings
{
    public const string DefaultUrl = "https://127.0.0.1:8443";

    public string[] Urls { get; set; } = [DefaultUrl];

    /// <summary>Holds the master key, <c>ca.pem</c> and, on SQLite, the database.</summary>
    public required string DataFolder { get; set; }

    public StoreDialect Dialect { get; set; } = StoreDialect.Sqlite;

    /// <summary>For PostgreSQL; SQLite always lives in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Sets the bootstrap admin token on first start instead of generating one.</summary>
    public string? BootstrapToken { get; set; }

    /// <summary>
    /// The URL clients reach this server under (<c>LANYARD_PUBLIC_URL</c>); the base of every
    /// environment's token issuer. Without it the issuer follows the request's scheme and host.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Names the server certificate carries besides localhost and loopback.</summary>
    public IReadOnlyList<string> ExtraServerNames { get; set; } = [];

    /// <summary>How often the lifecycle worker looks for due work (<c>LANYARD_LIFECYCLE_INTERVAL</c>, default 30s).</summary>
    public TimeSpan LifecycleInterval { get; set; } = DefaultLifecycleInterval;

    /// <summary>X.509-SVID lifetimes: <c>LANYARD_SVID_TTL</c>, <c>LANYARD_SVID_MIN_TTL</c>, <c>LANYARD_SVID_MAX_TTL</c>.</summary>
    public SvidLifetimes SvidLifetimes { get; set; } = SvidLifetimes.Standard;

    /// <summary>Where ACME challenge validation connects: <c>LANYARD_ACME_HTTP_PORT</c> and the others of
    /// <see cref="Acme.AcmeSettings"/>.</summary>
    public Acme.AcmeSettings Acme { get; set; } = Lanyard.Server.Acme.AcmeSettings.Standard;

    public static readonly TimeSpan DefaultLifecycleInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often each watched TLS endpoint is probed (<c>LANYARD_PROBE_INTERVAL</c>, default 1h).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The deadline for one probe's connect and handshake (<c>LANYARD_PROBE_TIMEOUT</c>, default 10s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often owners' webhook deliveries that are due are sent.</summary>
    public TimeSpan WebhookInterval { get; set; } = TimeSpan.FromSeconds(2);

    public string DatabasePath => Path.Combine(DataFolder, "lanyard.db");

    public string MasterKeyPath => Path.Combine(DataFolder, "master.key");

    public string CaCertificatePath => Path.Combine(DataFolder, "ca.pem");

    /// <summary>Reads the environment; throws with a clear message on a value it can't use.</summary>
    public static ServerSettings FromEnvironment(string[]? urls = null)
    {
        var dialectName = Environment.GetEnvironmentVariable("LANYARD_DB");
        var dialect = dialectName?.ToLowerInvariant() switch
        {
            null or "" or "sqlite" => StoreDialect.Sqlite,
            "postgres" or "postgresql" => StoreDialect.Postgres,
            _ => throw new InvalidOperationException($"LANYARD_DB is '{dialectName}'; use 'sqlite' (the default) or 'postgres'."),
        };

        var connection = Environment.GetEnvironmentVariable("LANYARD_CONNECTION");
        if (dialect == StoreDialect.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                "LANYARD_DB=postgres needs LANYARD_CONNECTION, for example 'Host=localhost;Database=lanyard;Username=lanyard'.");
        }

        var publicUrl = Environment.GetEnvironmentVariable("LANYARD_PUBLIC_URL");
        if (!string.IsNullOrEmpty(publicUrl)
            && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps
                || !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment)))
        {
            throw new InvalidOperationException(
                $"LANYARD_PUBLIC_URL is '{publicUrl}'; it must be an https URL without query or fragment, such as "
                    + "https://lanyard.example.com.");
        }

        var interval = Environment.GetEnvironmentVariable("LANYARD_LIFECYCLE_INTERVAL");
        var lifecycleInterval = DefaultLifecycleInterval;
        if (!string.IsNullOrEmpty(interval)
            && (!Durations.TryParse(interval, out lifecycleInterval) || lifecycleInterval > TimeSpan.FromHours(1)))
        {
            throw new InvalidOperationException(
                $"LANYARD_LIFECYCLE_INTERVAL is '{interval}'; write it as a duration from 1s to 1h, such as 30s or 5m.");
        }

        var svidLifetimes = SvidLifetimes.FromSettings(Environment.GetEnvironmentVariable("LANYARD_SVID_TTL"),
            Environment.GetEnvironmentVariable("LANYARD_SVID_MIN_TTL"), Environment.GetEnvironmentVariable("LANYARD_SVID_MAX_TTL"));
        return new ServerSettings
        {
            SvidLifetimes = svidLifetimes,
            Acme = Lanyard.Server.Acme.AcmeSettings.FromEnvironment(),
            LifecycleInterval = lifecycleInterval,
            ProbeInterval = ReadDuration("LANYARD_PROBE_INTERVAL", TimeSpan.FromHours(1), TimeSpan.FromSeconds(10), TimeSpan.FromDays(7)),
            ProbeTimeout = ReadDuration("LANYARD_PROBE_TIMEOUT", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1),
                TimeSpan.FromMinutes(2)),
            PublicUrl = string.IsNullOrEmpty(publicUrl) ? null : publicUrl,
            Urls = urls is { Length: > 0 } ? urls : [DefaultUrl],
            DataFolder = DefaultDataFolder(),
            Dialect = dialect,
            ConnectionString = connection,
            BootstrapToken = Environment.GetEnvironmentVariable("LANYARD_BOOTSTRAP_TOKEN"),
        };
    }

    /// <summary><c>LANYARD_DATA</c>, or <c>.lanyard</c> in the working folder.</summary>
    public static string DefaultDataFolder() =>
        Path.GetFullPath(Environment.GetEnvironmentVariable("LANYARD_DATA") is { Length: > 0 } data ? data : ".lanyard");

    public StoreOptions ToStoreOptions() => new()
    {
        Dialect = Dialect,
        ConnectionString = Dialect == StoreDialect.Postgres ? ConnectionString! : $"Data Source={DatabasePath}",
    };

    private static TimeSpan ReadDuration(string variable, TimeSpan fallback, TimeSpan minimum, TimeSpan maximum)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return Durations.TryParse(text, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new InvalidOperationException(
                $"{variable} is '{text}'; write it as a duration from {Durations.Format(minimum)} to "
                    + $"{Durations.Format(maximum)}, such as {Durations.Format(fallback)}.");
    }
}
