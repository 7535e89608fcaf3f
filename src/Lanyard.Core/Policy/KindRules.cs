namespace Lanyard.Core.Policy;

/// <summary>What an environment's policy says about one kind of credential; null means not set.</summary>
public sealed record KindRules
{
    public static KindRules Unset { get; } = new();

    /// <summary>Whether credentials of this kind are issued at all.</summary>
    public bool Allowed { get; init; } = true;

    /// <summary>The longest lifetime a request may ask for.</summary>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>The lifetime given when a request asks for none.</summary>
    public TimeSpan? DefaultLifetime { get; init; }

    /// <summary>For API keys and client secrets: the age at which they are rotated.</summary>
    public TimeSpan? RotateAfter { get; init; }

    /// <summary>For API keys and client secrets: how long a rotated one and its successor both work.</summary>
    public TimeSpan? Overlap { get; init; }
}
