namespace Lanyard.Core.Posture;

/// <summary>Orders findings by kind, environment, then the name of what they are about, so output is stable.</summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var result = x.Kind.CompareTo(y.Kind);
        if (result == 0)
        {
            result = string.CompareOrdinal(x.Environment, y.Environment);
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(x.IdentityName ?? x.CredentialName, y.IdentityName ?? y.CredentialName);
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(x.CredentialName, y.CredentialName);
        }

        return result != 0 ? result : string.CompareOrdinal(x.Fingerprint, y.Fingerprint);
    }
}
