using System.Text;

namespace Lanyard.Discovery.Tests;

/// <summary>Credential report text in the exact shape AWS writes: 22 columns, no newline after the last row.</summary>
internal static class ReportText
{
    public const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
        + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
        + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
        + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
        + "cert_2_active,cert_2_last_rotated";

    public const string Root =
        "<root_account>,arn:aws:iam::111122223333:root,2022-08-29T08:17:03+00:00,not_supported,"
        + "2025-12-11T15:20:48+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
        + "false,N/A,false,N/A";

    public static string ServiceUser(string name, string rotated = "2026-01-19T13:37:45+00:00") =>
        $"{name},arn:aws:iam::111122223333:user/automation/{name},2022-09-06T10:48:19+00:00,false,N/A,N/A,N/A,"
        + $"false,true,{rotated},2026-11-14T17:55:00+00:00,eu-central-1,ecr,false,N/A,N/A,N/A,N/A,false,N/A,"
        + "false,N/A";

    public static ExportFile File(string name, params string[] lines) =>
        ExportFile.FromBytes(name, Encoding.UTF8.GetBytes(string.Join('\n', lines)));
}
