using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests.Acme;

/// <summary>
/// A small RFC 8555 client written from the RFC, so tests can send exactly the requests real
/// clients send and then spoil one detail at a time.
/// </summary>
public sealed class AcmeTestClient(TestServer server, string environment = "dev") : IDisposable
{
    private readonly HttpClient _http = server.Client(bearer: null);

    public ECDsa Key { get; private set; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string? AccountUrl { get; set; }

    public string Root => $"{server.Address.ToString().TrimEnd('/')}/acme/{environment}";

    public static string B64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonObject Jwk(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = B64(p.Q.X), ["y"] = B64(p.Q.Y) };
    }

    public string Thumbprint => B64(SHA256.HashData(Encoding.UTF8.GetBytes(Jwk(Key).ToJsonString())));

    public async Task<string> NonceAsync()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Root + "/new-nonce"));
        return response.Headers.GetValues("Replay-Nonce").Single();
    }

    /// <summary>Signs and posts <paramref name="payload"/> (null: POST-as-GET) to <paramref name="url"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(
        string url, JsonNode? payload, bool embedKey = false, string? nonce = null, string? headerUrl = null, ECDsa? signWith = null)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["nonce"] = nonce ?? await NonceAsync(), ["url"] = headerUrl ?? url };
        if (embedKey || AccountUrl is null)
        {
            header["jwk"] = Jwk(Key);
        }
        else
        {
            header["kid"] = AccountUrl;
        }

        var body = Sign(header, payload is null ? "" : payload.ToJsonString(), signWith ?? Key);
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
        return await _http.PostAsync(url, content);
    }

    public static JsonObject Sign(JsonObject header, string payload, ECDsa key)
    {
        var protectedText = B64(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payloadText = B64(Encoding.UTF8.GetBytes(payload));
        var signature = key.SignData(Encoding.ASCII.GetBytes(protectedText + "." + payloadText), HashAlgorithmName.SHA256);
        return new JsonObject { ["protected"] = protectedText, ["payload"] = payloadText, ["signature"] = B64(signature) };
    }

    public async Task<(string Kid, string HmacKey)> EabKeyAsync(string identity)
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/acme-eab", new { });
        response.EnsureSuccessStatusCode();
        var key = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (key["kid"]!.GetValue<string>(), key["hmac_key"]!.GetValue<string>());
    }

    public JsonObject Binding(string kid, string hmacKey, string? url = null)
    {
        var protectedText = B64(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "HS256", ["kid"] = kid, ["url"] = url ?? Root + "/new-account" }.ToJsonString()));
        var payloadText = B64(Encoding.UTF8.GetBytes(Jwk(Key).ToJsonString()));
        var mac = HMACSHA256.HashData(Base64UrlDecode(hmacKey), Encoding.ASCII.GetBytes(protectedText + "." + payloadText));
        return new JsonObject { ["protected"] = protectedText, ["payload"] = payloadText, ["signature"] = B64(mac) };
    }

    /// <summary>Registers with a fresh EAB key of <paramref name="identity"/>; returns the account URL.</summary>
    public async Task<string> RegisterAsync(string identity)
    {
        var (kid, hmac) = await EabKeyAsync(identity);
        using var response = await PostAsync(Root + "/new-account",
            new JsonObject { ["termsOfServiceAgreed"] = true, ["externalAccountBinding"] = Binding(kid, hmac) }, embedKey: true);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        AccountUrl = response.Headers.Location!.ToString();
        return AccountUrl;
    }

    public void UseKey(ECDsa key)
    {
        Key = key;
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    public void Dispose()
    {
        _http.Dispose();
        Key.Dispose();
    }
}
