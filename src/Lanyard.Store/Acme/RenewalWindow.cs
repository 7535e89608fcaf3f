namespace Lanyard.Store.Acme;

/// <summary>When a client should renew a certificate (RFC 9773 section 4.2), and why, when early.</summary>
public sealed record RenewalWindow(DateTimeOffset Start, DateTimeOffset End, string? Explanation);
