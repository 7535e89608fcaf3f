namespace Lanyard.Discovery.Kubernetes;

/// <summary>The decoded values of a secret's <c>data</c>, each with its JSON path for errors.</summary>
internal sealed class SecretData
{
    private readonly Dictionary<string, (byte[] Value, JsonCursor Cursor)> _values = new(StringComparer.Ordinal);

    public static SecretData Read(JsonCursor item)
    {
        var data = new SecretData();
        if (item.Optional("data") is not { } values)
        {
            return data;
        }

        foreach (var (key, cursor) in values.Properties())
        {
            try
            {
                data._values[key] = (Convert.FromBase64String(cursor.String()), cursor);
            }
            catch (FormatException)
            {
                throw cursor.Error($"the value of {key} is not valid base64");
            }
        }

        return data;
    }

    public IEnumerable<string> Keys => _values.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string key, out byte[] value, out JsonCursor cursor)
    {
        var found = _values.TryGetValue(key, out var entry);
        (value, cursor) = entry;
        return found;
    }
}
