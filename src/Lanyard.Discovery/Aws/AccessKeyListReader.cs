namespace Lanyard.Discovery.Aws;

/// <summary>
/// <c>aws iam list-access-keys --user-name U</c>: every key of one user with its id, status and
/// creation time. A complete listing covers that user's keys, so keys it no longer shows are gone.
/// </summary>
internal static class AccessKeyListReader
{
    public static void Read(ExportFile file, JsonCursor root, JsonCursor keys, AwsAccountBuilder account)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in keys.Items())
        {
            var user = account.User(item.RequiredString("UserName"));
            var key = user.Key(item.Required("CreateDate").Date());
            key.Id = item.RequiredString("AccessKeyId");
            key.Active = item.Required("Status") switch
            {
                var s when s.String() == "Active" => true,
                var s when s.String() == "Inactive" => false,
                var s => throw s.Error("Status must be Active or Inactive"),
            };
            key.AddOrigin($"aws list-access-keys {file.Name}");
            user.AddOrigin($"aws list-access-keys {file.Name}");
            users.Add(user.Name);
        }

        // An empty listing names no user; by the layout list-access-keys/<user>.json the file
        // name does, and then its emptiness says the user has no keys left.
        if (users.Count == 0 && UserTagsReader.UserFromFileName(file.Name) is { } named)
        {
            users.Add(named);
        }

        if (AwsJsonExports.IsTruncated(root))
        {
            return;
        }

        foreach (var name in users)
        {
            account.AddCompleteScope($"aws/iam/user/{name}/access-key/");
        }
    }
}
