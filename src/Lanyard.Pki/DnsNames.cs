namespace Lanyard.Pki;

/// <summary>DNS names a server certificate may carry: LDH labels, a wildcard only as the whole leftmost label.</summary>
public static class DnsNames
{
    public const int MaxNames = 100;

    /// <summary>Why the name is not a DNS name a certificate may carry, or null when it is.</summary>
    public static string? Refusal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 253)
        {
            return $"'{name}' is not a DNS name: it must have between 1 and 253 characters.";
        }

        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label == "*" && i == 0 && labels.Length > 2)
            {
                continue;
            }

            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
            {
                return $"'{name}' is not a DNS name: labels are letters, digits and inner dashes, and a wildcard is "
                    + "only a whole leftmost label above two others.";
            }
        }

        return null;
    }
}
