using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Server.Tests.Fixtures;
using Lanyard.Store.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Lanyard.Server.Tests.Access;

/// <summary>
/// A real server with one caller of every kind: an unlimited admin, an admin limited to dev, an
/// auditor, an owner of team-a limited to dev, and a dev workload by its API key and by a workload
/// token. Each caller also holds a dashboard session, opened directly for the session-only pages.
/// </summary>
public sealed class AccessWorld : IAsyncLifetime
{
    public const string InEnvironment = "dev";
    public const string OutOfEnvironment = "prod";
    public const string TeamName = "team-a";

    public TestServer Server { get; } = new();

    public OwnerId Team { get; private set; }

    public string WorkloadIdentity { get; private set; } = "";

    public List<Caller> Callers { get; } = [];

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        using var admin = Server.Client();
        Team = new OwnerId(Guid.Parse((await PostAsync(admin, "/v1/owners", new { name = TeamName }))["id"]!.GetValue<string>()));
        await PostAsync(admin, "/v1/owners", new { name = "team-b" });
        WorkloadIdentity = (await PostAsync(admin, "/v1/identities", new { name = "orders-api", environment = InEnvironment, owner = TeamName }))["id"]!
            .GetValue<string>();
        var workloadKey = (await PostAsync(admin, $"/v1/identities/{WorkloadIdentity}/apikeys", new { }))["key"]!.GetValue<string>();
        var workloadGrant = Grant.ForWorkload(new IdentityId(Guid.Parse(WorkloadIdentity)), InEnvironment);

        Callers.Add(await CallerAsync("admin", new Grant(Role.Admin, [], [], null), TestServer.AdminToken, principalName: "bootstrap-admin"));
        Callers.Add(await CreateAsync(admin, "admin-dev", new Grant(Role.Admin, [InEnvironment], [], null),
            new { name = "admin-dev", role = "admin", environments = new[] { InEnvironment } }));
        Callers.Add(await CreateAsync(admin, "auditor", new Grant(Role.Auditor, [], [], null), new { name = "auditor", role = "auditor" }));
        Callers.Add(await CreateAsync(admin, "owner-dev", new Grant(Role.Owner, [InEnvironment], [Team], null),
            new { name = "owner-dev", role = "owner", environments = new[] { InEnvironment }, teams = new[] { TeamName } }));
        Callers.Add(new Caller("workload-apikey", workloadGrant, workloadKey, null));
        Callers.Add(await CreateAsync(admin, "workload-token", workloadGrant,
            new { name = "workload-token", role = "workload", identity = WorkloadIdentity }));
    }

    public Task DisposeAsync() => Server.DisposeAsync();

    public Caller Get(string name) => Callers.Single(c => c.Name == name);

    /// <summary>A client that neither follows redirects nor keeps cookies, so each request says exactly who it is.</summary>
    public HttpClient RawClient()
    {
        var handler = Server.TrustingHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        return new HttpClient(handler) { BaseAddress = Server.Address };
    }

    public static async Task<JsonObject> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<Caller> CreateAsync(HttpClient admin, string name, Grant grant, object body)
    {
        var created = await PostAsync(admin, "/v1/principals", body);
        return await CallerAsync(name, grant, created["token"]!.GetValue<string>(), principalName: name);
    }

    private async Task<Caller> CallerAsync(string name, Grant grant, string bearer, string principalName)
    {
        var principals = Server.Services.GetRequiredService<PrincipalService>();
        var principal = (await principals.ListAsync()).Single(p => p.Name == principalName);
        var session = await Server.Services.GetRequiredService<DashboardSessions>().OpenAsync(principal);
        return new Caller(name, grant, bearer, session);
    }
}

/// <summary>One caller: what it may reach, its bearer credential and, for principals, a dashboard session.</summary>
public sealed record Caller(string Name, Grant Grant, string Bearer, string? Session)
{
    public override string ToString() => Name;

    public void Authenticate(HttpRequestMessage request, bool dashboard)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!dashboard)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        }
        else if (Session is not null)
        {
            request.Headers.Add("Cookie", $"__Host-lanyard-session={Session}");
        }
    }

    public static bool IsRedirectToSignIn(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
        && response.Headers.Location?.OriginalString.StartsWith("/signin", StringComparison.Ordinal) == true;
}
