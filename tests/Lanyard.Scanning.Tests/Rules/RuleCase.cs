namespace Lanyard.Scanning.Tests.Rules;

/// <summary>
/// One rule's proof: a file in which the rule must report <see cref="Secret"/>, and a hard negative file
/// (placeholder, documented example, wrong checksum or length, reference, public value) that must stay quiet.
/// </summary>
internal sealed record RuleCase(
    string RuleId,
    string Path,
    string Text,
    string Secret,
    string NegativePath,
    string NegativeText,
    string NegativeReason);
