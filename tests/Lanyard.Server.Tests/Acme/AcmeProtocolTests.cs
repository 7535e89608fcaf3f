using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Acme;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests.Acme;

/// <summary>The details real ACME clients depend on, and every refusal as its ACME problem type, against the real server.</summary>
public sealed class AcmeProtocolTests : IAsyncLifetime, IDisposable
{
    private const string Error = "urn:ietf:params:acme:error:";
    private static readonly int ClosedPort = UnusedPort();

    // Accepts connections (the kernel completes them) but never speaks TLS, so tls-alpn-01 validation hangs until its timeout.
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly TestServer _server;

    public AcmeProtocolTests()
    {
        _silent.Start();
        _server = new TestServer
        {
            Acme = AcmeSettings.Standard with
            {
                HttpChallengePort = ClosedPort, TlsAlpnChallengePort = ((IPEndPoint)_silent.LocalEndpoint).Port,
                ResolveToLoopback = true, ValidationTimeout = TimeSpan.FromSeconds(8),
            },
        };
    }

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    public void Dispose() => _silent.Dispose();

    [Fact]
    public async Task A_challenge_still_being_validated_answers_processing_and_its_authorization_asks_to_retry_after()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());
        using var created = await client.PostAsync(client.Root + "/new-order", Order("slow.example.test"));
        var authzUrl = (await AcmeTestClient.JsonAsync(created))["authorizations"]![0]!.GetValue<string>();
        var authz = await AcmeTestClient.JsonAsync(await client.PostAsync(authzUrl, null));
        var tlsAlpn = authz["challenges"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "tls-alpn-01")!;

        using var answered = await client.PostAsync(tlsAlpn["url"]!.GetValue<string>(), new JsonObject());
        using var polled = await client.PostAsync(authzUrl, null);

        Assert.Equal("processing", (await AcmeTestClient.JsonAsync(answered))["status"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(1), answered.Headers.RetryAfter!.Delta);
        Assert.Equal("pending", (await AcmeTestClient.JsonAsync(polled))["status"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(1), polled.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task A_deactivated_authorization_makes_its_order_invalid()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());
        using var created = await client.PostAsync(client.Root + "/new-order", Order("gone.example.test"));
        var orderUrl = created.Headers.Location!.ToString();
        var authzUrl = (await AcmeTestClient.JsonAsync(created))["authorizations"]![0]!.GetValue<string>();

        using var deactivated = await client.PostAsync(authzUrl, new JsonObject { ["status"] = "deactivated" });

        Assert.Equal("deactivated", (await AcmeTestClient.JsonAsync(deactivated))["status"]!.GetValue<string>());
        Assert.Equal("invalid", (await AcmeTestClient.JsonAsync(await client.PostAsync(orderUrl, null)))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task New_nonce_answers_head_and_get_with_a_fresh_uncached_nonce()
    {
        using var http = _server.Client(bearer: null);
        var root = $"{_server.Address.ToString().TrimEnd('/')}/acme/dev";

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, root + "/new-nonce"));
        using var get = await http.GetAsync(root + "/new-nonce");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);
        Assert.NotEqual(head.Headers.GetValues("Replay-Nonce").Single(), get.Headers.GetValues("Replay-Nonce").Single());
        Assert.True(head.Headers.CacheControl!.NoStore);
        Assert.Contains(head.Headers.GetValues("Link"), l => l.Contains("/acme/dev/directory", StringComparison.Ordinal) && l.Contains("rel=\"index\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reused_nonce_is_a_bad_nonce_that_carries_a_fresh_one_to_retry_with()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());
        var nonce = await client.NonceAsync();
        using var first = await client.PostAsync(client.AccountUrl!, null, nonce: nonce);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await client.PostAsync(client.AccountUrl!, null, nonce: nonce);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Error + "badNonce", (await AcmeTestClient.JsonAsync(replay))["type"]!.GetValue<string>());
        var fresh = replay.Headers.GetValues("Replay-Nonce").Single();
        using var retried = await client.PostAsync(client.AccountUrl!, null, nonce: fresh);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task A_url_in_the_header_other_than_the_one_requested_is_unauthorized()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());

        using var response = await client.PostAsync(client.Root + "/new-order", Order("a.example.test"), headerUrl: client.Root + "/new-account");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "unauthorized");
    }

    [Fact]
    public async Task A_kid_naming_no_account_is_account_does_not_exist()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());
        using var stranger = new AcmeTestClient(_server);
        stranger.AccountUrl = client.Root + "/account/nobody";

        using var response = await stranger.PostAsync(stranger.Root + "/new-order", Order("a.example.test"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "accountDoesNotExist");
    }

    [Fact]
    public async Task Accounts_need_external_account_binding_whose_mac_verifies_and_whose_key_is_unused()
    {
        var identity = await _server.CreateIdentityAsync();
        using var client = new AcmeTestClient(_server);
        var (kid, hmac) = await client.EabKeyAsync(identity);
        var newAccount = client.Root + "/new-account";

        using var without = await client.PostAsync(newAccount, new JsonObject { ["termsOfServiceAgreed"] = true }, embedKey: true);
        await AssertProblemAsync(without, HttpStatusCode.Forbidden, "externalAccountRequired");

        var wrongKey = AcmeTestClient.B64(RandomNumberGenerator.GetBytes(32));
        using var forged = await client.PostAsync(newAccount, new JsonObject { ["externalAccountBinding"] = client.Binding(kid, wrongKey) }, embedKey: true);
        await AssertProblemAsync(forged, HttpStatusCode.Forbidden, "unauthorized");

        using var bound = await client.PostAsync(newAccount, new JsonObject { ["externalAccountBinding"] = client.Binding(kid, hmac) }, embedKey: true);
        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);

        using var second = new AcmeTestClient(_server);
        using var reused = await second.PostAsync(newAccount, new JsonObject { ["externalAccountBinding"] = second.Binding(kid, hmac) }, embedKey: true);
        await AssertProblemAsync(reused, HttpStatusCode.Forbidden, "unauthorized");
        Assert.Single(await _server.AuditAsync("acme.account.create"));
    }

    [Fact]
    public async Task An_existing_key_gets_its_account_back_and_only_return_existing_finds_no_other()
    {
        using var client = new AcmeTestClient(_server);
        var account = await client.RegisterAsync(await _server.CreateIdentityAsync());

        using var again = await client.PostAsync(client.Root + "/new-account", new JsonObject { ["onlyReturnExisting"] = true }, embedKey: true);
        using var stranger = new AcmeTestClient(_server);
        using var unknown = await stranger.PostAsync(stranger.Root + "/new-account", new JsonObject { ["onlyReturnExisting"] = true }, embedKey: true);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(account, again.Headers.Location!.ToString());
        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "accountDoesNotExist");
    }

    [Fact]
    public async Task Identifiers_that_are_not_dns_names_or_are_wildcards_are_refused_with_subproblems()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());
        var payload = new JsonObject
        {
            ["identifiers"] = new JsonArray(
                new JsonObject { ["type"] = "ip", ["value"] = "10.0.0.1" },
                new JsonObject { ["type"] = "dns", ["value"] = "*.example.test" },
                new JsonObject { ["type"] = "dns", ["value"] = "ok.example.test" }),
        };

        using var response = await client.PostAsync(client.Root + "/new-order", payload);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "unsupportedIdentifier");
        var subproblems = problem["subproblems"]!.AsArray().Select(p => p!["type"]!.GetValue<string>()).ToList();
        Assert.Equal([Error + "unsupportedIdentifier", Error + "rejectedIdentifier"], subproblems);
    }

    [Fact]
    public async Task Names_outside_the_identitys_policy_patterns_are_refused_at_new_order_naming_the_rule_and_audited()
    {
        var environment = await Policy.PolicyFixture.EnvironmentAsync(_server, """
            identities:
              - match: "shop-*"
                dns-names: ["*.shop.example.test"]
            """);
        var (identity, _) = await Policy.PolicyFixture.IdentityAsync(_server, environment, "shop-web");
        using var client = new AcmeTestClient(_server, environment);
        await client.RegisterAsync(identity);

        using var refused = await client.PostAsync(client.Root + "/new-order", Order("www.shop.example.test", "admin.bank.example.test"));
        using var allowed = await client.PostAsync(client.Root + "/new-order", Order("www.shop.example.test"));

        var problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest, "rejectedIdentifier");
        Assert.Contains($"policy {environment}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("admin.bank.example.test", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var audit = await Policy.PolicyFixture.RefusalAsync(_server, "acme.order", $"identity/{identity}");
        Assert.Contains("dns-names", audit["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_challenge_nobody_answers_fails_as_a_connection_problem_on_challenge_authorization_and_order()
    {
        using var client = new AcmeTestClient(_server);
        await client.RegisterAsync(await _server.CreateIdentityAsync());
        using var created = await client.PostAsync(client.Root + "/new-order", Order("down.example.test"));
        var order = await AcmeTestClient.JsonAsync(created);
        var orderUrl = created.Headers.Location!.ToString();
        var authzUrl = order["authorizations"]![0]!.GetValue<string>();
        var authz = await AcmeTestClient.JsonAsync(await client.PostAsync(authzUrl, null));
        var http01 = authz["challenges"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "http-01")!;

        using var answered = await client.PostAsync(http01["url"]!.GetValue<string>(), new JsonObject());
        Assert.Contains(answered.Headers.GetValues("Link"), l => l.Contains(authzUrl, StringComparison.Ordinal) && l.Contains("rel=\"up\"", StringComparison.Ordinal));

        var challenge = await AcmeTestClient.JsonAsync(answered);
        Assert.Equal("invalid", challenge["status"]!.GetValue<string>());
        Assert.Equal(Error + "connection", challenge["error"]!["type"]!.GetValue<string>());
        Assert.Equal("invalid", (await AcmeTestClient.JsonAsync(await client.PostAsync(authzUrl, null)))["status"]!.GetValue<string>());
        var failed = await AcmeTestClient.JsonAsync(await client.PostAsync(orderUrl, null));
        Assert.Equal("invalid", failed["status"]!.GetValue<string>());
        Assert.Equal("down.example.test", failed["error"]!["identifier"]!["value"]!.GetValue<string>());

        using var finalize = await client.PostAsync(order["finalize"]!.GetValue<string>(), new JsonObject { ["csr"] = Csr("down.example.test", "down.example.test") });
        await AssertProblemAsync(finalize, HttpStatusCode.Forbidden, "orderNotReady");
    }

    [Fact]
    public async Task After_a_key_change_the_old_key_is_no_longer_the_account()
    {
        using var client = new AcmeTestClient(_server);
        var account = await client.RegisterAsync(await _server.CreateIdentityAsync());
        var oldKey = client.Key;
        var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyChange = client.Root + "/key-change";
        var inner = AcmeTestClient.Sign(new JsonObject { ["alg"] = "ES256", ["jwk"] = AcmeTestClient.Jwk(newKey), ["url"] = keyChange },
            new JsonObject { ["account"] = account, ["oldKey"] = AcmeTestClient.Jwk(oldKey) }.ToJsonString(), newKey);

        using var changed = await client.PostAsync(keyChange, inner);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        using var withOld = await client.PostAsync(account, null, signWith: oldKey);
        await AssertProblemAsync(withOld, HttpStatusCode.BadRequest, "malformed");
        client.UseKey(newKey);
        using var withNew = await client.PostAsync(account, null);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        oldKey.Dispose();
    }

    [Fact]
    public async Task A_deactivated_account_can_do_nothing_more()
    {
        using var client = new AcmeTestClient(_server);
        var account = await client.RegisterAsync(await _server.CreateIdentityAsync());

        using var deactivated = await client.PostAsync(account, new JsonObject { ["status"] = "deactivated" });
        Assert.Equal("deactivated", (await AcmeTestClient.JsonAsync(deactivated))["status"]!.GetValue<string>());

        using var order = await client.PostAsync(client.Root + "/new-order", Order("late.example.test"));
        await AssertProblemAsync(order, HttpStatusCode.Forbidden, "unauthorized");
    }

    [Fact]
    public async Task Requests_to_an_unknown_environment_are_not_found_problems()
    {
        using var http = _server.Client(bearer: null);

        using var response = await http.GetAsync("/acme/nowhere/directory");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.Contains("Replay-Nonce"));
    }

    [Fact]
    public async Task Eab_keys_are_created_only_by_admins()
    {
        var identity = await _server.CreateIdentityAsync();
        using var anonymous = _server.Client(bearer: null);

        using var response = await anonymous.PostAsJsonAsync($"/v1/identities/{identity}/acme-eab", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static JsonObject Order(params string[] names) => new()
    {
        ["identifiers"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["type"] = "dns", ["value"] = n })]),
    };

    private static string Csr(string commonName, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        return AcmeTestClient.B64(request.CreateSigningRequest());
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.Contains("Replay-Nonce"), "every ACME response carries a fresh nonce");
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(Error + type, problem["type"]!.GetValue<string>());
        return problem;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
