using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lanyard.Inventory.Benchmarks.Generation;

/// <summary>
/// Writes a large AWS account's exports, seeded so every run sees the same bytes: the IAM
/// credential report exactly as <c>aws iam get-credential-report</c> decodes to (22 columns, the
/// <c>&lt;root_account&gt;</c> row first, no newline after the last row) and the
/// <c>aws iam get-account-authorization-details</c> JSON that carries the users' <c>owner</c> tags.
/// </summary>
internal sealed class CredentialReportGenerator(int rows, DateTimeOffset takenAt, int seed = 20261115)
{
    private const string Account = "481305926617";

    private static readonly string[] Header =
    [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
        "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
        "cert_2_active", "cert_2_last_rotated",
    ];

    private static readonly string[] Paths = ["/", "/", "/automation/", "/ci/", "/integrations/partner/"];
    private static readonly string[] Regions = ["eu-central-1", "eu-central-1", "eu-west-1", "us-east-1", "us-east-1"];
    private static readonly string[] Services = ["s3", "sts", "ecr", "ses", "sqs", "dynamodb", "kms", "secretsmanager"];
    private static readonly string[] Words =
    [
        "orders", "billing", "invoice", "ledger", "dispatch", "tracking", "report", "export", "backup", "search",
        "payments", "fraud", "catalog", "pricing", "mailer", "sftp", "etl", "metrics", "audit", "sync",
    ];

    /// <summary>The number of users in the report, the root row included.</summary>
    public int Rows { get; } = rows;

    /// <summary>The share of users that are service users; the rest are people with console passwords.</summary>
    public const double ServiceShare = 0.95;

    /// <summary>The share of service users whose tags name an owner.</summary>
    public const double OwnedShare = 0.88;

    public (string Report, string AuthorizationDetails) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var report = Path.Combine(folder, "credential-report.csv");
        var details = Path.Combine(folder, "authorization-details.json");
        var users = Users().ToList();

        using (var writer = new StreamWriter(report, append: false, new UTF8Encoding(false), 1 << 16))
        {
            writer.Write(string.Join(',', Header));
            foreach (var user in users)
            {
                writer.Write('\n');
                writer.Write(user.ReportRow());
            }
        }

        using (var stream = File.Create(details))
        {
            WriteAuthorizationDetails(stream, users);
        }

        return (report, details);
    }

    private IEnumerable<ReportUser> Users()
    {
        var random = new Random(seed);
        yield return ReportUser.Root(Account, takenAt.AddYears(-6));

        for (var i = 1; i < Rows; i++)
        {
            var service = random.NextDouble() < ServiceShare;
            var created = takenAt.AddSeconds(-random.Next(30 * 86_400, 7 * 365 * 86_400));
            yield return service ? ServiceUser(random, i, created) : HumanUser(random, i, created);
        }
    }

    private ReportUser ServiceUser(Random random, int i, DateTimeOffset created)
    {
        var name = $"svc-{Words[random.Next(Words.Length)]}-{Words[random.Next(Words.Length)]}-{i:D6}";
        var user = new ReportUser(name, Paths[random.Next(Paths.Length)], Account, created, Human: false)
        {
            Owner = random.NextDouble() < OwnedShare ? $"team-{Words[random.Next(Words.Length)]}-{random.Next(40)}" : null,
            Service = Words[random.Next(Words.Length)],
        };

        // Most have one key, a fifth are mid-rotation with two, a few have none left.
        var keys = random.NextDouble() switch { < 0.70 => 1, < 0.92 => 2, _ => 0 };
        for (var n = 1; n <= keys; n++)
        {
            user.Keys[n - 1] = Key(random, created, active: n == 1 || random.NextDouble() < 0.8);
        }

        if (random.NextDouble() < 0.01)
        {
            user.Certificate = Between(random, created, takenAt);
        }

        return user;
    }

    private ReportUser HumanUser(Random random, int i, DateTimeOffset created)
    {
        var name = $"{Words[random.Next(Words.Length)]}.person{i:D6}";
        var user = new ReportUser(name, "/", Account, created, Human: true)
        {
            PasswordLastUsed = random.NextDouble() < 0.05 ? null : Between(random, created, takenAt),
            PasswordLastChanged = Between(random, created, takenAt),
            Mfa = random.NextDouble() < 0.9,
        };

        if (random.NextDouble() < 0.2)
        {
            user.Keys[0] = Key(random, created, active: true);
        }

        return user;
    }

    private ReportKey Key(Random random, DateTimeOffset userCreated, bool active)
    {
        var rotated = Between(random, userCreated, takenAt);

        // Three in four used lately, one in seven idle for months, the rest never used.
        var usage = random.NextDouble();
        DateTimeOffset? used = usage switch
        {
            < 0.75 => LastUsed(rotated, takenAt.AddMinutes(-random.Next(1, 30 * 24 * 60))),
            < 0.90 => LastUsed(rotated, takenAt.AddDays(-random.Next(91, 400))),
            _ => null,
        };

        return new ReportKey(active, rotated, used, Regions[random.Next(Regions.Length)], Services[random.Next(Services.Length)]);
    }

    /// <summary>AWS reports last use to the minute, and never before the key was made.</summary>
    private static DateTimeOffset LastUsed(DateTimeOffset created, DateTimeOffset used)
    {
        var latest = used > created ? used : created;
        var minute = new DateTimeOffset(latest.Ticks - (latest.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        return minute < created ? minute.AddMinutes(1) : minute;
    }

    private static DateTimeOffset Between(Random random, DateTimeOffset from, DateTimeOffset to) =>
        from.AddSeconds(random.NextInt64(0, Math.Max(1, (long)(to - from).TotalSeconds)));

    /// <summary>The JSON that <c>aws iam get-account-authorization-details</c> prints, users only.</summary>
    private static void WriteAuthorizationDetails(Stream stream, List<ReportUser> users)
    {
        // As the AWS CLI prints it: four spaces, and "+00:00" not escaped.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 4,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteStartArray("UserDetailList");
        var id = 0;
        foreach (var user in users.Where(u => !u.IsRoot))
        {
            json.WriteStartObject();
            json.WriteString("Path", user.Path);
            json.WriteString("UserName", user.Name);
            json.WriteString("UserId", $"AIDA{++id:D17}");
            json.WriteString("Arn", user.Arn);
            json.WriteString("CreateDate", ReportUser.Time(user.Created));
            json.WriteStartArray("GroupList");
            if (user.Human)
            {
                json.WriteStringValue("engineers");
            }

            json.WriteEndArray();
            json.WriteStartArray("AttachedManagedPolicies");
            json.WriteStartObject();
            json.WriteString("PolicyName", user.Human ? "ReadOnlyAccess" : $"{user.Service}-access");
            json.WriteString("PolicyArn", user.Human
                ? "arn:aws:iam::aws:policy/ReadOnlyAccess"
                : $"arn:aws:iam::{Account}:policy/{user.Service}-access");
            json.WriteEndObject();
            json.WriteEndArray();
            WriteTags(json, user);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("GroupDetailList");
        json.WriteEndArray();
        json.WriteStartArray("RoleDetailList");
        json.WriteEndArray();
        json.WriteStartArray("Policies");
        json.WriteEndArray();
        json.WriteBoolean("IsTruncated", false);
        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, ReportUser user)
    {
        if (user.Human)
        {
            return;
        }

        json.WriteStartArray("Tags");
        if (user.Owner is not null)
        {
            Tag(json, "owner", user.Owner);
        }

        Tag(json, "service", user.Service ?? "unknown");
        Tag(json, "managed-by", "terraform");
        json.WriteEndArray();
    }

    private static void Tag(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("Key", key);
        json.WriteString("Value", value);
        json.WriteEndObject();
    }
}
