namespace Lanyard.Discovery.Aws;

/// <summary>The places one object was seen in, each once, in the order they were read.</summary>
internal sealed class OriginList
{
    private readonly List<string> _origins = [];

    public void Add(string origin)
    {
        if (!_origins.Contains(origin, StringComparer.Ordinal))
        {
            _origins.Add(origin);
        }
    }

    public override string ToString() => string.Join("; ", _origins);
}
