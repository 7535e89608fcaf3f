using System.Security.Cryptography;

namespace Lanyard.Core.Keys;

/// <summary>
/// OAuth2 client ids: <c>lnyc_{environment}_{20 base62 chars}</c>. Public, not secret; the
/// environment in the id tells an operator at a glance which token endpoint a client belongs to.
/// </summary>
public static class ClientIds
{
    public const string Prefix = "lnyc_";
    public const int RandomLength = 20;

    public static string Create(string environment)
    {
        if (!LanyardKeyFormat.IsValidEnvironment(environment))
        {
            throw new ArgumentException("Not an environment name.", nameof(environment));
        }

        return Prefix + environment + "_" + RandomNumberGenerator.GetString(Base62.Alphabet, RandomLength);
    }
}
