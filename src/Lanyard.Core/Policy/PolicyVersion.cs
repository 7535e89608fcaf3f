namespace Lanyard.Core.Policy;

/// <summary>One applied version of an environment's policy file, kept as written; the newest is in force.</summary>
public sealed class PolicyVersion
{
    public required string Environment { get; set; }

    /// <summary>1 for the first policy applied to the environment, then one more each time.</summary>
    public int Version { get; set; }

    /// <summary>The policy file's text, exactly as applied.</summary>
    public required string Text { get; set; }

    /// <summary>Lowercase hex SHA-256 of the text's UTF-8 bytes: applying the same file again changes nothing.</summary>
    public required string Digest { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>The principal that applied it.</summary>
    public required string AppliedBy { get; set; }
}
