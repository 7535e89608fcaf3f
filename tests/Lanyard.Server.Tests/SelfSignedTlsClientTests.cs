using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests;

/// <summary>RFC 8705 <c>self_signed_tls_client_auth</c>: a client registers its own certificate and presents it over real TLS.</summary>
public sealed class SelfSignedTlsClientTests(TestServer server) : IClassFixture<TestServer>
{
    private X509Certificate2 SelfSigned(string subject = "CN=batch-exporter", TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = server.Time.GetUtcNow();
        using var certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(now.AddMinutes(-1), now + (lifetime ?? TimeSpan.FromDays(30)));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private async Task<(HttpResponseMessage Response, JsonObject Body)> RegisterAsync(object body)
    {
        var identity = await server.CreateIdentityAsync("dev");
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", body);
        return (response, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private async Task<string> RegisterAsync(X509Certificate2 certificate)
    {
        var (response, body) = await RegisterAsync(new { tokenEndpointAuthMethod = "self_signed_tls_client_auth", certificate = certificate.ExportCertificatePem() });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Null(body["clientSecret"]);
        return body["clientId"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> TokenAsync(string clientId, X509Certificate2 certificate)
    {
        using var http = server.Client(bearer: null, certificate);
        return await http.PostAsync("/oauth2/dev/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId }));
    }

    private static string Thumbprint(X509Certificate2 certificate) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(certificate.RawData));

    private async Task<string> RefusalReasonAsync(string clientId)
    {
        var refusal = (await server.AuditAsync("oauth.token")).Last(e => e["target"]!.GetValue<string>().EndsWith(clientId, StringComparison.Ordinal));
        Assert.Equal("refused", refusal["outcome"]!.GetValue<string>());
        return JsonNode.Parse(refusal["detail"]!.GetValue<string>())!["reason"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_registered_certificate_gets_a_token_bound_to_it_without_any_secret()
    {
        using var certificate = SelfSigned();
        var clientId = await RegisterAsync(certificate);

        var response = await TokenAsync(clientId, certificate);

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        var token = body["access_token"]!.GetValue<string>();
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]))!;
        Assert.Equal(Thumbprint(certificate), payload["cnf"]!["x5t#S256"]!.GetValue<string>());
        var issued = (await server.AuditAsync("oauth.token")).Last(e => e["target"]!.GetValue<string>().EndsWith(clientId, StringComparison.Ordinal));
        Assert.Equal("self_signed_tls_client_auth", JsonNode.Parse(issued["detail"]!.GetValue<string>())!["method"]!.GetValue<string>());
        using var withCertificate = server.Client(token, certificate);
        Assert.Equal(HttpStatusCode.OK, (await withCertificate.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task Another_certificate_with_the_same_subject_is_refused_as_invalid_client()
    {
        using var registered = SelfSigned();
        using var lookalike = SelfSigned();
        var clientId = await RegisterAsync(registered);

        var response = await TokenAsync(clientId, lookalike);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Equal("the certificate is not the one the client registered", await RefusalReasonAsync(clientId));
    }

    [Fact]
    public async Task The_registered_certificate_is_refused_once_it_has_expired()
    {
        using var certificate = SelfSigned(lifetime: TimeSpan.FromHours(1));
        var clientId = await RegisterAsync(certificate);

        server.Time.Advance(TimeSpan.FromHours(2));
        var response = await TokenAsync(clientId, certificate);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("the registered certificate is expired or not yet valid", await RefusalReasonAsync(clientId));
    }

    [Fact]
    public async Task A_registration_with_a_ca_issued_weak_missing_or_unneeded_certificate_is_refused()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = server.Time.GetUtcNow();
        var caRequest = new CertificateRequest("CN=some ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=batch-exporter", leafKey, HashAlgorithmName.SHA256)
            .Create(ca, now.AddMinutes(-1), now.AddDays(7), [1, 2, 3, 4]);
        using var weakKey = RSA.Create(1024);
        using var weak = new CertificateRequest("CN=weak", weakKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(now.AddMinutes(-1), now.AddDays(7));
        const string method = "self_signed_tls_client_auth";

        var (caIssued, caIssuedBody) = await RegisterAsync(new { tokenEndpointAuthMethod = method, certificate = leaf.ExportCertificatePem() });
        var (weakKeyed, weakBody) = await RegisterAsync(new { tokenEndpointAuthMethod = method, certificate = weak.ExportCertificatePem() });
        var (missing, _) = await RegisterAsync(new { tokenEndpointAuthMethod = method });
        var (garbage, _) = await RegisterAsync(new { tokenEndpointAuthMethod = method, certificate = "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----" });
        var (unneeded, _) = await RegisterAsync(new { certificate = ca.ExportCertificatePem() });

        Assert.All([caIssued, weakKeyed, missing, garbage, unneeded], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("not self-signed", caIssuedBody["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2048", weakBody["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("certificate", weakBody["field"]!.GetValue<string>());
    }
}
