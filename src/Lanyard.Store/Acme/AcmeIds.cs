using System.Security.Cryptography;

namespace Lanyard.Store.Acme;

/// <summary>Ids of ACME objects and EAB keys: 128 random bits, base64url, unguessable so URLs reveal nothing.</summary>
internal static class AcmeIds
{
    public static string New() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
