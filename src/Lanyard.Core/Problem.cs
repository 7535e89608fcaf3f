namespace Lanyard.Core;

/// <summary>
/// An expected failure, told to the caller: what kind, in words, and which field when one is to
/// blame. The edge turns it into an RFC 9457 problem document or a CLI error.
/// </summary>
public sealed record Problem(ProblemKind Kind, string Detail, string? Field = null)
{
    public static Problem Invalid(string field, string detail) => new(ProblemKind.Invalid, detail, field);

    public static Problem NotFound(string what, string key) => new(ProblemKind.NotFound, $"No {what} '{key}' exists.");

    public static Problem Conflict(string detail, string? field = null) => new(ProblemKind.Conflict, detail, field);
}
