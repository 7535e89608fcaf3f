using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Acme;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests.Acme;

/// <summary>Finalize against the real server, with a real http-01 answer: only a CSR for exactly the order's names is issued.</summary>
public sealed class AcmeIssuanceTests : IAsyncLifetime, IDisposable
{
    private readonly HttpListener _responder = new();
    private readonly Dictionary<string, string> _answers = [];
    private readonly int _port = FreePort();
    private readonly TestServer _server;

    public AcmeIssuanceTests()
    {
        _server = new TestServer { Acme = AcmeSettings.Standard with { HttpChallengePort = _port, ResolveToLoopback = true } };
    }

    public async Task InitializeAsync()
    {
        // Any Host header: validation connects to loopback but asks for the name being validated.
        _responder.Prefixes.Add($"http://*:{_port}/");
        _responder.Start();
        _ = Task.Run(ServeAsync);
        await _server.InitializeAsync();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    public void Dispose() => ((IDisposable)_responder).Dispose();

    [Fact]
    public async Task Only_a_csr_for_exactly_the_order_names_is_issued_and_downloads_as_a_pem_chain()
    {
        var identity = await _server.CreateIdentityAsync();
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(identity);
        using var created = await client.PostAsync(client.Root + "/new-order", new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "dns", ["value"] = "shop.example.test" }),
        });
        var order = await AcmeTestClient.JsonAsync(created);
        var authz = await AcmeTestClient.JsonAsync(await client.PostAsync(order["authorizations"]![0]!.GetValue<string>(), null));
        var http01 = authz["challenges"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "http-01")!;
        var token = http01["token"]!.GetValue<string>();
        lock (_answers)
        {
            _answers[token] = token + "." + client.Thumbprint;
        }

        var validated = await AcmeTestClient.JsonAsync(await client.PostAsync(http01["url"]!.GetValue<string>(), new JsonObject()));
        Assert.Equal("valid", validated["status"]!.GetValue<string>());
        var finalize = order["finalize"]!.GetValue<string>();

        using var strayCommonName = await client.PostAsync(finalize, new JsonObject { ["csr"] = Csr("other.example.test", "shop.example.test") });
        using var extraName = await client.PostAsync(finalize, new JsonObject { ["csr"] = Csr(null, "shop.example.test", "admin.example.test") });
        Assert.Equal("urn:ietf:params:acme:error:badCSR", (await AcmeTestClient.JsonAsync(strayCommonName))["type"]!.GetValue<string>());
        Assert.Equal("urn:ietf:params:acme:error:badCSR", (await AcmeTestClient.JsonAsync(extraName))["type"]!.GetValue<string>());
        using var admin = _server.Client();
        Assert.Empty(JsonNode.Parse(await admin.GetStringAsync($"/v1/credentials?identity={identity}"))!["items"]!.AsArray());

        var issued = await AcmeTestClient.JsonAsync(await client.PostAsync(finalize, new JsonObject { ["csr"] = Csr("shop.example.test", "shop.example.test") }));
        Assert.Equal("valid", issued["status"]!.GetValue<string>());
        using var download = await client.PostAsync(issued["certificate"]!.GetValue<string>(), null);
        Assert.Equal("application/pem-certificate-chain", download.Content.Headers.ContentType!.MediaType);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(await download.Content.ReadAsStringAsync());
        Assert.Equal(2, chain.Count);
        Assert.Equal(chain[1].SubjectName.Name, chain[0].IssuerName.Name);
        var credential = Assert.Single(JsonNode.Parse(await admin.GetStringAsync($"/v1/credentials?identity={identity}"))!["items"]!.AsArray())!;
        Assert.Equal(chain[0].SerialNumber, credential["serialNumber"]!.GetValue<string>());
    }

    private async Task ServeAsync()
    {
        while (_responder.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _responder.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var token = context.Request.Url!.AbsolutePath.Split('/')[^1];
            string? answer;
            lock (_answers)
            {
                _answers.TryGetValue(token, out answer);
            }

            context.Response.StatusCode = answer is null ? 404 : 200;
            await context.Response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes(answer ?? ""));
            context.Response.Close();
        }
    }

    private static string Csr(string? commonName, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(commonName is null ? "" : $"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        return AcmeTestClient.B64(request.CreateSigningRequest());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
