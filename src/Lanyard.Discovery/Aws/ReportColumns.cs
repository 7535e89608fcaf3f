using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Aws;

/// <summary>The 22 columns of the IAM credential report, and their positions in one file's header.</summary>
internal static class ReportColumns
{
    public const string User = "user";
    public const string Arn = "arn";
    public const string UserCreationTime = "user_creation_time";
    public const string PasswordEnabled = "password_enabled";

    // Slot n of each pair (index 0 unused), kept as constants: they are looked up several times a row.
    private static readonly string[] KeyActive = ["", "access_key_1_active", "access_key_2_active"];
    private static readonly string[] KeyRotated = ["", "access_key_1_last_rotated", "access_key_2_last_rotated"];
    private static readonly string[] KeyUsed = ["", "access_key_1_last_used_date", "access_key_2_last_used_date"];
    private static readonly string[] CertActiveNames = ["", "cert_1_active", "cert_2_active"];
    private static readonly string[] CertRotated = ["", "cert_1_last_rotated", "cert_2_last_rotated"];

    // Declared after the slot names above, which it is built from.
    public static readonly IReadOnlyList<string> All =
    [
        User, Arn, UserCreationTime, PasswordEnabled, "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        AccessKeyActive(1), AccessKeyLastRotated(1), AccessKeyLastUsedDate(1), "access_key_1_last_used_region",
        "access_key_1_last_used_service",
        AccessKeyActive(2), AccessKeyLastRotated(2), AccessKeyLastUsedDate(2), "access_key_2_last_used_region",
        "access_key_2_last_used_service",
        CertActive(1), CertLastRotated(1), CertActive(2), CertLastRotated(2),
    ];

    public static string AccessKeyActive(int n) => KeyActive[n];

    public static string AccessKeyLastRotated(int n) => KeyRotated[n];

    public static string AccessKeyLastUsedDate(int n) => KeyUsed[n];

    public static string CertActive(int n) => CertActiveNames[n];

    public static string CertLastRotated(int n) => CertRotated[n];

    /// <summary>Maps each known column to its index; a file without one of them is no credential report.</summary>
    public static Dictionary<string, int> Resolve(IReadOnlyList<string> headers, string fileName)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            positions.TryAdd(headers[i].Trim(), i);
        }

        if (!positions.ContainsKey(User) || !positions.ContainsKey(Arn))
        {
            throw new ImportException(
                fileName,
                "line 1",
                "not an IAM credential report or AWS JSON export: the header has no user and arn columns");
        }

        foreach (var column in All)
        {
            if (!positions.ContainsKey(column))
            {
                throw new ImportException(
                    fileName, $"line 1, column {column}", $"the credential report header has no {column} column");
            }
        }

        return positions;
    }
}
