using System.Text.RegularExpressions;

using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Aws;

/// <summary>
/// <c>aws iam list-user-tags --user-name U</c>. Its output does not carry the user's name, so the
/// user is the file's name without its extension: save it as <c>svc-report-export.json</c>. The
/// <c>owner</c> tag names the identity's owner.
/// </summary>
internal static partial class UserTagsReader
{
    public const string OwnerTag = "owner";

    public static void Read(ExportFile file, JsonCursor root, JsonCursor tags, AwsAccountBuilder account)
    {
        var name = UserFromFileName(file.Name) ?? throw new ImportException(
            file.Name,
            "$",
            "list-user-tags output does not name its user, so the file must be named after the IAM user "
            + "(such as svc-report-export.json), and this file name is no IAM user name");

        var user = account.User(name);
        user.AddOrigin($"aws list-user-tags {file.Name}");
        ApplyTags(user, tags, complete: !AwsJsonExports.IsTruncated(root));
    }

    /// <summary>
    /// Takes the tags as labels and the owner tag as the owner. A complete tag list without an
    /// owner tag states that the user has none; a truncated one says nothing about it.
    /// </summary>
    public static void ApplyTags(AwsUser user, JsonCursor? tags, bool complete)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags?.Items() ?? [])
        {
            labels[tag.RequiredString("Key")] = tag.OptionalString("Value") ?? string.Empty;
        }

        var owner = labels.FirstOrDefault(t => string.Equals(t.Key, OwnerTag, StringComparison.OrdinalIgnoreCase));
        user.Labels = labels;
        user.OwnerName = string.IsNullOrWhiteSpace(owner.Value) ? null : owner.Value;
        user.OwnerStated = complete || user.OwnerName is not null;
    }

    /// <summary>The IAM user a file is named after, or null when its name can't be one.</summary>
    public static string? UserFromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return UserName().IsMatch(name) ? name : null;
    }

    // IAM user names: up to 64 of letters, digits and + = , . @ _ -
    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
