using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Lanyard.Server.Tests.Fixtures;

/// <summary>A registered OAuth2 client and the calls a workload makes with it.</summary>
public sealed record OAuthClientHandle(TestServer Server, string Environment, string IdentityId, JsonObject Registration)
{
    public string ClientId => Registration["clientId"]!.GetValue<string>();

    public string Secret => Registration["clientSecret"]!.GetValue<string>();

    public string CredentialId => Registration["credential"]!["id"]!.GetValue<string>();

    public string Issuer => Registration["issuer"]!.GetValue<string>();

    public static async Task<OAuthClientHandle> CreateAsync(TestServer server, string environment = "dev", object? body = null)
    {
        var identity = await server.CreateIdentityAsync(environment);
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", body ?? new { scopes = new[] { "orders.read", "orders.write" } });
        response.EnsureSuccessStatusCode();
        return new OAuthClientHandle(server, environment, identity, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    /// <summary>POSTs a form to one of the environment's OAuth2 endpoints, with client_secret_basic unless told otherwise.</summary>
    public async Task<HttpResponseMessage> PostAsync(string endpoint, IEnumerable<KeyValuePair<string, string>> form, bool basic = true, string? environment = null)
    {
        using var http = Server.Client(bearer: null);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/oauth2/{environment ?? Environment}/{endpoint}")
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(Secret)}")));
        }

        return await http.SendAsync(request);
    }

    public async Task<string> TokenAsync(string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await PostAsync("token", form);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["access_token"]!.GetValue<string>();
    }

    public async Task<JsonObject> IntrospectAsync(string token, string? environment = null)
    {
        var response = await PostAsync("introspect", [new("token", token)], environment: environment);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
