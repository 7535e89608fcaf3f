namespace Lanyard.Discovery.Aws;

/// <summary>Joins the places one object was seen in, each once, without a list per object.</summary>
internal static class Origins
{
    public static string Append(string? origins, string origin)
    {
        if (origins is null)
        {
            return origin;
        }

        return origins == origin || origins.Split("; ").Contains(origin, StringComparer.Ordinal)
            ? origins
            : $"{origins}; {origin}";
    }
}
