using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Core.Keys;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests;

public sealed class ApiKeyTests(TestServer server) : IClassFixture<TestServer>
{
    private async Task<(string Key, JsonNode Credential)> IssueAsync(string identityId, string? ttl = null)
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync($"/v1/identities/{identityId}/apikeys", new { ttl });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["key"]!.GetValue<string>(), body["credential"]!);
    }

    [Fact]
    public async Task Issued_key_names_its_environment_and_is_stored_only_as_its_sha256_fingerprint()
    {
        var identity = await server.CreateIdentityAsync("staging");

        var (key, credential) = await IssueAsync(identity, "12h");

        Assert.True(LanyardKeyFormat.TryParse(key, out var environment));
        Assert.Equal("staging", environment);
        Assert.Equal("api-key", credential["kind"]!.GetValue<string>());
        Assert.Equal("issued", credential["source"]!.GetValue<string>());
        Assert.False(credential["secretHeld"]!.GetValue<bool>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), credential["fingerprint"]!.GetValue<string>());
        var created = credential["createdAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(created.AddHours(12), credential["expiresAt"]!.GetValue<DateTimeOffset>());

        var stored = string.Concat(Directory.GetFiles(server.DataFolder, "lanyard.db*").Select(f => Encoding.Latin1.GetString(ReadShared(f))));
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^20..], stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_with_an_api_key_answers_the_identity_environment_and_credential()
    {
        var identity = await server.CreateIdentityAsync("prod", "orders-api-whoami");
        var (key, credential) = await IssueAsync(identity);
        using var workload = server.Client(key);

        var whoami = (await workload.GetFromJsonAsync<JsonObject>("/v1/whoami"))!;

        Assert.Equal("Workload", whoami["role"]!.GetValue<string>());
        Assert.Equal("prod", whoami["environment"]!.GetValue<string>());
        Assert.Equal("spiffe://prod.lanyard.internal/orders-api-whoami", whoami["identity"]!["spiffeId"]!.GetValue<string>());
        Assert.Equal(identity, whoami["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("api-key", whoami["credential"]!["kind"]!.GetValue<string>());
        Assert.Equal(credential["id"]!.GetValue<string>(), whoami["credential"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Whoami_with_the_admin_token_answers_the_principal()
    {
        using var admin = server.Client();

        var whoami = (await admin.GetFromJsonAsync<JsonObject>("/v1/whoami"))!;

        Assert.Equal("bootstrap-admin", whoami["name"]!.GetValue<string>());
        Assert.Equal("Admin", whoami["role"]!.GetValue<string>());
        Assert.Null(whoami["identity"]);
        Assert.Equal("principal-token", whoami["credential"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Whoami_without_a_credential_is_401()
    {
        using var anonymous = server.Client(bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_reaches_only_whoami_and_its_refusals_are_audited()
    {
        var (key, _) = await IssueAsync(await server.CreateIdentityAsync());
        using var workload = server.Client(key);

        var read = await workload.GetAsync("/v1/credentials");
        var write = await workload.PostAsJsonAsync("/v1/owners", new { name = "sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var refused = await server.AuditAsync("request.refused");
        Assert.Contains(refused, e => e["target"]!.GetValue<string>() == "/v1/owners" && e["actor"]!.GetValue<string>().StartsWith("spiffe://"));
    }

    [Fact]
    public async Task A_revoked_key_fails_authentication_at_once()
    {
        var (key, credential) = await IssueAsync(await server.CreateIdentityAsync());
        using var workload = server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);

        using var admin = server.Client();
        var revoke = await admin.PostAsJsonAsync($"/v1/credentials/{credential["id"]}/revoke", new { reason = "leaked in a log" });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (await revoke.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
        Assert.Contains(await server.AuditAsync("credential.revoke"), e => e["target"]!.GetValue<string>() == $"credential/{credential["id"]}");
    }

    [Fact]
    public async Task A_wellformed_but_unknown_key_is_refused_and_audited_without_the_key()
    {
        var forged = LanyardKeyFormat.Create("dev");
        using var workload = server.Client(forged);

        var response = await workload.GetAsync("/v1/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refusals = await server.AuditAsync("auth.login");
        var refusal = Assert.Single(refusals, e => e["detail"]?.GetValue<string>()?.Contains(SecretHash.Of(forged)) == true);
        Assert.Equal("refused", refusal["outcome"]!.GetValue<string>());
        Assert.DoesNotContain(forged, refusal.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eyJub3QganNvbg.eyJub3QganNvbg.c2ln")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZS9vYXV0aDIvZGV2In0.")]
    public async Task A_malformed_or_foreign_jwt_is_refused(string token)
    {
        using var caller = server.Client(token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task A_key_with_a_broken_checksum_is_refused()
    {
        var (key, _) = await IssueAsync(await server.CreateIdentityAsync());
        var altered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var workload = server.Client(altered);

        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
    }

    [Theory]
    [InlineData("30x")]
    [InlineData("-5d")]
    [InlineData("400d")]
    [InlineData("soon")]
    public async Task A_bad_ttl_is_a_400_naming_the_field_and_issues_nothing(string ttl)
    {
        var identity = await server.CreateIdentityAsync();
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { ttl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ttl", (await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>());
        var credentials = await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials?identity={identity}");
        Assert.Empty(credentials!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_key_for_an_unknown_identity_is_404()
    {
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{Guid.NewGuid()}/apikeys", new { ttl = "1d" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Only_admins_issue_keys()
    {
        var identity = await server.CreateIdentityAsync();
        var (key, _) = await IssueAsync(identity);
        using var workload = server.Client(key);

        var response = await workload.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { ttl = "1d" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
