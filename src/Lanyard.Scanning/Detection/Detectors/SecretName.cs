namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>What an assignment's name says about its value.</summary>
internal enum SecretNameKind
{
    None,

    /// <summary><c>password</c>, <c>passwd</c>, <c>pwd</c>, <c>passphrase</c>.</summary>
    Password,

    /// <summary><c>secret</c>, <c>token</c>, <c>api_key</c>, <c>private_key</c>, <c>credentials</c>.</summary>
    Secret,

    /// <summary>Some other <c>*_key</c>: could be a secret, or a cache or sort key.</summary>
    WeakKey,
}
