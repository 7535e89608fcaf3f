using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.Pki;

public sealed partial class EnvironmentCa
{
    private const int SealedVersion = 1;

    /// <summary>
    /// The form sealed at rest: a JSON document of PEM certificates and PKCS#8 keys (root, chain,
    /// issuing intermediate, retired intermediates). Only ever stored sealed under the master key.
    /// </summary>
    public string Serialize()
    {
        var retired = new JsonArray();
        foreach (var r in Retired)
        {
            retired.Add(new JsonObject
            {
                ["certificate"] = r.Issuer.ExportCertificatePem(),
                ["key"] = CaKeys.ExportPkcs8Pem(r.Issuer),
                ["chain"] = PemArray(r.Chain),
                ["root"] = r.Root.ExportCertificatePem(),
                ["retiredAt"] = r.RetiredAt.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        return new JsonObject
        {
            ["version"] = SealedVersion,
            ["origin"] = Origin.ToString(),
            ["root"] = new JsonObject
            {
                ["certificate"] = Root.ExportCertificatePem(),
                ["key"] = HoldsRootKey ? CaKeys.ExportPkcs8Pem(Root) : null,
            },
            ["chain"] = PemArray(Chain),
            ["issuer"] = new JsonObject
            {
                ["certificate"] = Intermediate.ExportCertificatePem(),
                ["key"] = CaKeys.ExportPkcs8Pem(Intermediate),
            },
            ["retired"] = retired,
        }.ToJsonString();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote.</summary>
    public static EnvironmentCa Deserialize(string environment, string trustDomain, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var document = JsonNode.Parse(text)!.AsObject();
            if (document["version"]?.GetValue<int>() != SealedVersion)
            {
                throw new CryptographicException($"The sealed CA of environment {environment} has an unknown version.");
            }

            var rootNode = document["root"]!;
            var rootCertificate = X509Certificate2.CreateFromPem(rootNode["certificate"]!.GetValue<string>());
            var root = rootNode["key"] is { } rootKey ? Attach(rootCertificate, rootKey) : rootCertificate;
            var issuer = Attach(X509Certificate2.CreateFromPem(document["issuer"]!["certificate"]!.GetValue<string>()),
                document["issuer"]!["key"]!);
            var retired = document["retired"]!.AsArray().Select(r => new RetiredIssuer(
                Attach(X509Certificate2.CreateFromPem(r!["certificate"]!.GetValue<string>()), r["key"]!),
                ReadPemArray(r["chain"]!),
                X509Certificate2.CreateFromPem(r["root"]!.GetValue<string>()),
                DateTimeOffset.Parse(r["retiredAt"]!.GetValue<string>(), CultureInfo.InvariantCulture))).ToList();
            var origin = Enum.Parse<CaOrigin>(document["origin"]!.GetValue<string>());
            return new EnvironmentCa(environment, trustDomain, root, ReadPemArray(document["chain"]!), issuer, retired, origin);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NullReferenceException or InvalidOperationException
                                      or FormatException or ArgumentException)
        {
            throw new CryptographicException($"The sealed CA of environment {environment} can't be read.", e);
        }
    }

    private static X509Certificate2 Attach(X509Certificate2 certificate, JsonNode key)
    {
        using (certificate)
        {
            return CaKeys.Attach(certificate, key.GetValue<string>(), password: null);
        }
    }

    private static JsonArray PemArray(IEnumerable<X509Certificate2> certificates) =>
        new([.. certificates.Select(c => (JsonNode)JsonValue.Create(c.ExportCertificatePem()))]);

    private static List<X509Certificate2> ReadPemArray(JsonNode node) =>
        node.AsArray().Select(c => X509Certificate2.CreateFromPem(c!.GetValue<string>())).ToList();
}
