using System.Buffers;
using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Passwords inside connection strings: URIs with credentials (<c>postgresql://user:pw@host</c>),
/// JDBC URLs, and ADO.NET-style <c>Password=...;</c> strings. The secret is the password as written.
/// </summary>
internal sealed partial class ConnectionStringDetector : ISecretDetector
{
    public const string Name = "connection-string";

    public static readonly SecretRule DatabaseUri = new(
        "database-uri-password", "database-uri-password", "Password in a database or broker URI", Name);

    public static readonly SecretRule UrlBasicAuth = new(
        "url-basic-auth-password", "url-basic-auth-password", "Password in a URL's user info", Name);

    public static readonly SecretRule Jdbc = new("jdbc-password", "jdbc-password", "Password in a JDBC URL", Name);

    public static readonly SecretRule AdoNet = new(
        "connection-string-password", "connection-string-password", "Password in a connection string", Name);

    private static readonly HashSet<string> DatabaseSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "postgres", "postgresql", "mysql", "mysqlx", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss",
        "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "couchdb", "neo4j", "neo4j+s", "bolt",
        "cassandra", "amqp", "amqps", "memcached", "influxdb", "db2", "snowflake", "nats", "kafka", "ldap",
        "ldaps", "postgresql+psycopg2", "postgresql+asyncpg", "mysql+pymysql", "mysql+mysqldb",
    };

    // Single-keyword SearchValues: vectorized, where string.Contains ignoring case is not in invariant mode.
    private static readonly SearchValues<string> JdbcMarker = SearchValues.Create(["jdbc:"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> PasswordNames =
        SearchValues.Create(["password", "pwd"], StringComparison.OrdinalIgnoreCase);

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [DatabaseUri, UrlBasicAuth, Jdbc, AdoNet];

    public IReadOnlyList<string> Keywords { get; } = ["jdbc:", "password", "pwd"];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = ["://"];

    public void Detect(LineContext line)
    {
        // Credentials in a URI end at an '@' after the "://"; plain links skip the regex.
        var authority = line.Text.IndexOf("://", StringComparison.Ordinal);
        if (authority >= 0 && line.Text.AsSpan(authority).Contains('@'))
        {
            foreach (Match match in UriPattern().Matches(line.Text))
            {
                var scheme = match.Groups["scheme"].Value;
                var jdbc = scheme.StartsWith("jdbc:", StringComparison.OrdinalIgnoreCase);
                var rule = jdbc ? Jdbc : DatabaseSchemes.Contains(scheme) ? DatabaseUri : UrlBasicAuth;
                ReportPassword(line, rule, match.Groups["s"], match.Groups["user"].Value, percentEncoded: true);
            }
        }

        if (line.Text.AsSpan().ContainsAny(JdbcMarker))
        {
            foreach (Match match in JdbcPattern().Matches(line.Text))
            {
                ReportPassword(line, Jdbc, match.Groups["s"], string.Empty);
            }
        }

        if (line.Text.AsSpan().ContainsAny(PasswordNames) && AdoNetContextPattern().IsMatch(line.Text))
        {
            foreach (Match match in AdoNetPattern().Matches(line.Text))
            {
                ReportPassword(line, AdoNet, match.Groups["s"], string.Empty);
            }
        }
    }

    /// <summary>
    /// Reports a password. In a URI's user info it is percent-encoded (RFC 3986): the placeholder and
    /// shape checks read it decoded, but the secret and its fingerprint are the text as written, as
    /// the other scanners and a baseline made from the file see it.
    /// </summary>
    private static void ReportPassword(LineContext line, SecretRule rule, Group password, string user, bool percentEncoded = false)
    {
        var value = percentEncoded && password.Value.Contains('%') ? Uri.UnescapeDataString(password.Value) : password.Value;
        if (value.Length < 4 || Placeholders.IsPlaceholderOrReference(value)
            || string.Equals(value, user, StringComparison.Ordinal)
            || (ValueShape.IsWordLike(value) && value.Length < 12))
        {
            return;
        }

        var confidence = ValueShape.Entropy(value) >= 3.0 ? Confidence.High : Confidence.Medium;
        line.Report(rule, password.Value, password.Index, password.Length, confidence, RulePriority.Structural);
    }

    [GeneratedRegex(
        @"(?<scheme>(?:jdbc:)?[A-Za-z][A-Za-z0-9+.\-]{1,30})://"
        + @"(?<user>[^\s:/?#@""'`<>{}\[\]\\]{0,128}):"
        + @"(?<s>[^\s/?#@""'`\\]{1,256})@(?=[A-Za-z0-9\[])")]
    private static partial Regex UriPattern();

    [GeneratedRegex(@"(?i)jdbc:[a-z0-9]+:[^\s""'`]*?[?&;:](?:password|pwd)=(?<s>[^&;\s""'`]{1,256})")]
    private static partial Regex JdbcPattern();

    [GeneratedRegex(@"(?i)(?:^|[;""'\s{])(?:password|pwd)\s*=\s*(?<s>[^;""'\r\n{}]{1,256}?)\s*(?=[;""'}]|$)")]
    private static partial Regex AdoNetPattern();

    /// <summary>A <c>Password=</c> is a connection-string password only next to other connection keywords.</summary>
    [GeneratedRegex(@"(?i)(?:server|data source|host|user id|uid|initial catalog|database|address)\s*=")]
    private static partial Regex AdoNetContextPattern();
}
