namespace Lanyard.Core.Discovery;

/// <summary>
/// Sets a value only when the incoming one is known and differs, and says whether it did, so a
/// merge can report real changes only.
/// </summary>
internal static class Assign
{
    public static bool IfKnown<T>(T? current, T? incoming, Action<T> set)
        where T : class
    {
        if (incoming is null || EqualityComparer<T>.Default.Equals(current, incoming))
        {
            return false;
        }

        set(incoming);
        return true;
    }

    public static bool IfKnown<T>(T? current, T? incoming, Action<T> set)
        where T : struct
    {
        if (incoming is not { } value || (current is { } known && EqualityComparer<T>.Default.Equals(known, value)))
        {
            return false;
        }

        set(value);
        return true;
    }

    public static bool IfDifferent<T>(T current, T incoming, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, incoming))
        {
            return false;
        }

        set(incoming);
        return true;
    }
}
