namespace Lanyard.Core.Policy;

/// <summary>The kinds of credential Lanyard issues, as a policy names them (<c>api-key</c>, <c>x509-svid</c>).</summary>
public enum PolicyCredentialKind
{
    ApiKey,
    ClientSecret,
    AccessToken,
    X509Svid,
    JwtSvid,
    TlsCertificate,
}
