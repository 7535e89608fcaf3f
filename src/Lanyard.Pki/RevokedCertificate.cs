namespace Lanyard.Pki;

/// <summary>One CRL entry: the serial as hex and when it was revoked.</summary>
public sealed record RevokedCertificate(string SerialHex, DateTimeOffset RevokedAt);
