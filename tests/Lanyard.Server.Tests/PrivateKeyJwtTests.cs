using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.Tests;

/// <summary>RFC 7523 client authentication with a registered EC public key.</summary>
public sealed class PrivateKeyJwtTests(TestServer server) : IClassFixture<TestServer>, IDisposable
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private async Task<OAuthClientHandle> RegisterAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(_key));
        var publicJwk = new JsonObject { ["kty"] = "EC", ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["kid"] = "k1" };
        return await OAuthClientHandle.CreateAsync(server, "dev", new JsonObject
        {
            ["scopes"] = new JsonArray("jobs.run"),
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(publicJwk) },
        });
    }

    private string Assertion(OAuthClientHandle client, SigningCredentials? signing = null, string? jti = null, TimeSpan? lifetime = null)
    {
        var now = server.Time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = client.ClientId,
            Audience = client.Issuer + "/token",
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(2)),
            Claims = new Dictionary<string, object> { ["sub"] = client.ClientId, ["jti"] = jti ?? Guid.NewGuid().ToString() },
            SigningCredentials = signing ?? new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static Task<HttpResponseMessage> TokenAsync(OAuthClientHandle client, string assertion) =>
        client.PostAsync("token",
        [
            new("grant_type", "client_credentials"), new("client_assertion_type", AssertionType), new("client_assertion", assertion),
        ], basic: false);

    [Fact]
    public async Task A_signed_assertion_obtains_a_token_and_its_replay_is_refused()
    {
        var client = await RegisterAsync();
        var assertion = Assertion(client);

        var first = await TokenAsync(client, assertion);
        var replay = await TokenAsync(client, assertion);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(replay));
        Assert.Contains(await server.AuditAsync("oauth.token"), e => e["detail"]!.GetValue<string>().Contains("replayed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsigned_assertion_is_refused()
    {
        var client = await RegisterAsync();
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var now = server.Time.GetUtcNow().ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode(
            $"{{\"iss\":\"{client.ClientId}\",\"sub\":\"{client.ClientId}\",\"aud\":\"{client.Issuer}/token\",\"exp\":{now + 60},\"jti\":\"n1\"}}");

        var response = await TokenAsync(client, $"{header}.{payload}.");

        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(response));
    }

    [Fact]
    public async Task A_malformed_assertion_is_refused()
    {
        var client = await RegisterAsync();

        var response = await TokenAsync(client, "eyJub3QganNvbg.eyJub3QganNvbg.c2ln");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(response));
    }

    [Fact]
    public async Task An_hmac_assertion_keyed_with_the_public_key_is_refused()
    {
        var client = await RegisterAsync();
        var publicKey = Encoding.UTF8.GetBytes(_key.ExportSubjectPublicKeyInfoPem());
        var hmac = new SigningCredentials(new SymmetricSecurityKey(publicKey) { KeyId = "k1" }, SecurityAlgorithms.HmacSha256);

        var response = await TokenAsync(client, Assertion(client, hmac));

        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(response));
    }

    [Fact]
    public async Task An_assertion_signed_by_another_key_or_living_too_long_is_refused()
    {
        var client = await RegisterAsync();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreign = new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256);

        var wrongKey = await TokenAsync(client, Assertion(client, foreign));
        var tooLong = await TokenAsync(client, Assertion(client, lifetime: TimeSpan.FromHours(2)));

        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(wrongKey));
        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(tooLong));
    }
}
