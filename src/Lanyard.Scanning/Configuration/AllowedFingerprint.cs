namespace Lanyard.Scanning.Configuration;

/// <summary>A secret accepted in <c>.lanyard-scan.yaml</c> by its SHA-256 fingerprint, with why.</summary>
public sealed record AllowedFingerprint(string Fingerprint, string? Reason);
