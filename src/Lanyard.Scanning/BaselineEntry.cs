namespace Lanyard.Scanning;

/// <summary>
/// One accepted secret. Only the fingerprint is matched; rule, path and line are there to help a
/// reader of the baseline file find what was accepted.
/// </summary>
public sealed record BaselineEntry(string Fingerprint, string RuleId, string Path, int Line);
