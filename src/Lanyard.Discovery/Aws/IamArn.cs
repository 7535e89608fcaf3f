namespace Lanyard.Discovery.Aws;

/// <summary>Reads the IAM path out of a user's ARN (<c>arn:aws:iam::123456789012:user/automation/svc-x</c>).</summary>
internal static class IamArn
{
    /// <summary>The path with its slashes (<c>/</c>, <c>/automation/</c>); null for any other ARN.</summary>
    public static string? UserPath(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam")
        {
            return null;
        }

        var resource = parts[5];
        if (!resource.StartsWith("user/", StringComparison.Ordinal))
        {
            return null;
        }

        var lastSlash = resource.LastIndexOf('/');
        return resource["user".Length..(lastSlash + 1)];
    }
}
