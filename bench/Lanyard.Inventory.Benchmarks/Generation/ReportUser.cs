using System.Globalization;

namespace Lanyard.Inventory.Benchmarks.Generation;

/// <summary>One access key slot of a credential report row.</summary>
internal sealed record ReportKey(bool Active, DateTimeOffset Rotated, DateTimeOffset? LastUsed, string Region, string Service);

/// <summary>One user of the generated account, written as a credential report row.</summary>
internal sealed record ReportUser(string Name, string Path, string Account, DateTimeOffset Created, bool Human)
{
    private const string None = "N/A";

    public bool IsRoot { get; private init; }

    public string? Owner { get; init; }

    public string? Service { get; init; }

    public DateTimeOffset? PasswordLastUsed { get; init; }

    public DateTimeOffset? PasswordLastChanged { get; init; }

    public bool Mfa { get; init; }

    public ReportKey?[] Keys { get; } = new ReportKey?[2];

    public DateTimeOffset? Certificate { get; set; }

    public string Arn => IsRoot ? $"arn:aws:iam::{Account}:root" : $"arn:aws:iam::{Account}:user{Path}{Name}";

    public static ReportUser Root(string account, DateTimeOffset created) =>
        new("<root_account>", "/", account, created, Human: false) { IsRoot = true, Mfa = true };

    /// <summary>AWS writes every time in UTC with an explicit offset.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public string ReportRow()
    {
        var password = IsRoot
            ? ["not_supported", Time(Created.AddDays(3)), "not_supported", "not_supported"]
            : Human
                ? new[]
                {
                    "true",
                    PasswordLastUsed is { } used ? Time(used) : "no_information",
                    PasswordLastChanged is { } changed ? Time(changed) : None,
                    PasswordLastChanged is { } next ? Time(next.AddDays(90)) : None,
                }
                : ["false", None, None, None];

        string[] fields =
        [
            Name, Arn, Time(Created), .. password, Mfa ? "true" : "false",
            .. KeyFields(Keys[0]), .. KeyFields(Keys[1]),
            Certificate is null ? "false" : "true", Certificate is { } uploaded ? Time(uploaded) : None,
            "false", None,
        ];
        return string.Join(',', fields);
    }

    private static string[] KeyFields(ReportKey? key) => key is null
        ? ["false", None, None, None, None]
        :
        [
            key.Active ? "true" : "false",
            Time(key.Rotated),
            key.LastUsed is { } used ? Time(used) : None,
            key.LastUsed is null ? None : key.Region,
            key.LastUsed is null ? None : key.Service,
        ];
}
