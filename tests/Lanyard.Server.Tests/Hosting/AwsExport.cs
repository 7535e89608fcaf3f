namespace Lanyard.Server.Tests.Hosting;

/// <summary>A small AWS account export in the real formats: one service user, its tags and its access key.</summary>
public static class AwsExport
{
    public const string User = "svc-billing-deployer";
    public const string Owner = "team-payments";
    public const string AccessKeyId = "AKIAZQ3DRSTUVWXY2345";

    private const string CredentialReport = """
        user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
        svc-billing-deployer,arn:aws:iam::481305926617:user/automation/svc-billing-deployer,2025-02-14T11:20:36+00:00,false,N/A,N/A,N/A,false,true,2026-03-10T09:14:22+00:00,2026-11-14T18:02:00+00:00,eu-central-1,ecr,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
        """;

    private const string AccessKeys = """
        { "AccessKeyMetadata": [ { "UserName": "svc-billing-deployer", "AccessKeyId": "AKIAZQ3DRSTUVWXY2345",
          "Status": "Active", "CreateDate": "2026-03-10T09:14:22+00:00" } ] }
        """;

    private const string Tags = """
        { "Tags": [ { "Key": "owner", "Value": "team-payments" } ], "IsTruncated": false }
        """;

    /// <summary>Imports the export into <paramref name="environment"/> through <c>POST /v1/imports/aws</c>.</summary>
    public static async Task ImportAsync(HttpClient client, string environment = "prod")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(CredentialReport + "\n"), "files", "credential-report.csv" },
            { new StringContent(AccessKeys), "files", "list-access-keys.json" },
            { new StringContent(Tags), "files", User + ".json" },
        };
        var response = await client.PostAsync($"/v1/imports/aws?environment={environment}", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
