namespace Lanyard.Scanning.Detection;

/// <summary>
/// A family of detection rules, e.g. everything GitHub issues. The scanner calls <see cref="Detect"/>
/// only for lines that contain one of the detector's keywords, so keywords must be a necessary
/// condition for every rule of the family.
/// </summary>
internal interface ISecretDetector
{
    string Family { get; }

    IReadOnlyList<SecretRule> Rules { get; }

    /// <summary>Substrings matched ignoring case, e.g. <c>password</c>.</summary>
    IReadOnlyList<string> Keywords { get; }

    /// <summary>Substrings matched exactly, e.g. <c>ghp_</c>; cheaper to prefilter on busy text.</summary>
    IReadOnlyList<string> CaseSensitiveKeywords { get; }

    void Detect(LineContext line);
}
