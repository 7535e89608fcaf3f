namespace Lanyard.Pki.Spiffe;

/// <summary>
/// A SPIFFE ID, <c>spiffe://trust-domain/path</c>, checked against the SPIFFE ID standard: lowercase
/// trust domain of letters, digits, dots, dashes and underscores; path segments of letters, digits,
/// dots, dashes and underscores, none empty, <c>.</c> or <c>..</c>; no query, fragment, port or user.
/// </summary>
public sealed record SpiffeId(string TrustDomain, string Path)
{
    public const string Scheme = "spiffe://";
    public const int MaxLength = 2048;

    public override string ToString() => Scheme + TrustDomain + Path;

    /// <summary>The ID of a trust domain itself, which its signing certificates carry.</summary>
    public static SpiffeId ForTrustDomain(string trustDomain) => new(trustDomain, "");

    public static bool TryParse(string? text, out SpiffeId? id)
    {
        id = null;
        if (text is null || text.Length > MaxLength || !text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        var trustDomain = (slash < 0 ? rest : rest[..slash]).ToString();
        var path = slash < 0 ? "" : rest[slash..].ToString();
        if (trustDomain.Length == 0 || !trustDomain.All(IsTrustDomainChar) || !IsValidPath(path))
        {
            return false;
        }

        id = new SpiffeId(trustDomain, path);
        return true;
    }

    private static bool IsTrustDomainChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_';

    private static bool IsPathChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_';

    private static bool IsValidPath(string path)
    {
        if (path.Length == 0)
        {
            return true;
        }

        return path.Split('/').Skip(1).All(segment => segment.Length > 0 && segment is not ("." or "..") && segment.All(IsPathChar));
    }
}
