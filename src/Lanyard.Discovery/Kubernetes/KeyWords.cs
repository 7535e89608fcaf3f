namespace Lanyard.Discovery.Kubernetes;

/// <summary>Splits a data key into lowercase words at separators and camel-case humps.</summary>
internal static class KeyWords
{
    /// <summary><c>DB_PASSWORD</c> → db, password; <c>clientSecret</c> → client, secret.</summary>
    public static List<string> Split(string key)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= key.Length; i++)
        {
            var atEnd = i == key.Length;
            var isWordChar = !atEnd && char.IsAsciiLetterOrDigit(key[i]);
            if (start >= 0 && (!isWordChar || StartsHump(key, i)))
            {
                words.Add(key[start..i].ToLowerInvariant());
                start = -1;
            }

            if (isWordChar && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>An upper-case letter after a lower-case one, or the last capital of an acronym before a word.</summary>
    private static bool StartsHump(string key, int i)
    {
        if (i == 0 || i >= key.Length || !char.IsAsciiLetterUpper(key[i]))
        {
            return false;
        }

        var previous = key[i - 1];
        if (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous))
        {
            return true;
        }

        return char.IsAsciiLetterUpper(previous) && i + 1 < key.Length && char.IsAsciiLetterLower(key[i + 1]);
    }
}
