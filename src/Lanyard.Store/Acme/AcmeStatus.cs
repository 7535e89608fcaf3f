namespace Lanyard.Store.Acme;

/// <summary>The statuses of ACME objects (RFC 8555 section 7.1.6); each object uses the ones its state machine names.</summary>
public enum AcmeStatus
{
    Pending,
    Ready,
    Processing,
    Valid,
    Invalid,
    Deactivated,
    Revoked,
    Expired,
}
