namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// Normalises a path found inside an image (a tar member, a link target, a manifest entry): '/' separators,
/// no <c>./</c>, <c>..</c> resolved. A name that is absolute or climbs above the root is flagged, since
/// in a hostile image it is how a naive extractor is tricked into writing outside its folder.
/// </summary>
internal static class MemberName
{
    public static string Normalize(string name, out bool escapes)
    {
        var text = name.Replace('\\', '/');
        escapes = text.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in text.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                escapes |= parts.Count == 0;
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>Resolves a link target written relative to the folder of <paramref name="linkName"/>.</summary>
    public static string ResolveLink(string linkName, string target, out bool escapes)
    {
        if (target.StartsWith('/'))
        {
            escapes = true;
            return Normalize(target, out _);
        }

        var folder = linkName.Contains('/') ? linkName[..linkName.LastIndexOf('/')] : string.Empty;
        return Normalize(folder.Length == 0 ? target : folder + "/" + target, out escapes);
    }
}
