using Lanyard.Acme;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

/// <summary>A verified ACME request: its JWS, the key that signed it and, when it names one, the account.</summary>
internal sealed record AcmeRequest(JwsMessage Jws, AccountKey Key, AcmeAccount? Account)
{
    /// <summary>The account of a <c>kid</c> request; only newAccount and revokeCert may lack one.</summary>
    public AcmeAccount RequireAccount()
        => Account ?? throw new AcmeProblemException(AcmeProblem.AccountDoesNotExist("No account has this key."));
}
