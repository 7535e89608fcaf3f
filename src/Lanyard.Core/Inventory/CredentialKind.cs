namespace Lanyard.Core.Inventory;

/// <summary>What a credential is. Stored and serialized by its kebab-case name.</summary>
public enum CredentialKind
{
    /// <summary>A cloud access key (for example an AWS access key id and its secret).</summary>
    AccessKey,

    /// <summary>A platform token bound to a service account (a Kubernetes token secret).</summary>
    ServiceAccountToken,

    /// <summary>A static secret value: a password, an API key held in a secret store.</summary>
    Secret,

    /// <summary>Registry credentials (a docker config.json with auths).</summary>
    RegistryAuth,

    /// <summary>An X.509 certificate with its private key.</summary>
    Certificate,

    /// <summary>A private key without a certificate (SSH, signing keys).</summary>
    PrivateKey,

    /// <summary>A Lanyard-issued API key.</summary>
    ApiKey,

    /// <summary>An OAuth2 client secret.</summary>
    ClientSecret,
}
