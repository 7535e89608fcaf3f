namespace Lanyard.Core;

/// <summary>The kinds of expected failure; each maps to one HTTP status and one problem type.</summary>
public enum ProblemKind
{
    /// <summary>The request is malformed or a value is out of range (400).</summary>
    Invalid,

    /// <summary>Something named in the request does not exist (404).</summary>
    NotFound,

    /// <summary>The request contradicts the current state (409), such as a duplicate name.</summary>
    Conflict,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
}
