using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lanyard.Server.Tests.Access;

/// <summary>
/// Walks every endpoint the server maps, for every caller, against a target inside the caller's
/// environment and one outside it, and holds each answer to the access table: allowed is neither
/// 401 nor 403, refused is a 403 that names why.
/// </summary>
public sealed class AccessMatrixTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    public static TheoryData<string> CallerNames => ["admin", "admin-dev", "auditor", "owner-dev", "workload-apikey", "workload-token"];

    [Fact]
    public void Every_mapped_endpoint_has_exactly_one_row_and_every_row_an_endpoint()
    {
        var mapped = MappedEndpoints();

        var missing = mapped.Where(e => AccessTable.Find(e.Method, e.Pattern) is null).ToList();
        var stale = AccessTable.Rows.Where(r => !mapped.Any(e => e.Pattern == r.Pattern && (r.Method == "*" || e.Method == r.Method))).ToList();

        Assert.True(missing.Count == 0, "Endpoints without a row in the access table: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows without an endpoint: " + string.Join(", ", stale.Select(r => $"{r.Method} {r.Pattern}")));
        Assert.Equal(AccessTable.Rows.Count, AccessTable.Rows.Select(r => (r.Method, r.Pattern)).Distinct().Count());
    }

    [Fact]
    public void The_authorization_document_carries_the_access_table_as_it_is()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "authorization.md")).ReplaceLineEndings("\n");
        const string Begin = "<!-- access-table:begin -->\n";
        const string End = "<!-- access-table:end -->";

        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "docs/authorization.md lacks the access-table markers");
        var table = AccessTable.ToMarkdown();
        Assert.True(table == document[(start + Begin.Length)..end],
            "docs/authorization.md disagrees with the access table; between the markers it should read:\n" + table);
    }

    [Theory]
    [MemberData(nameof(CallerNames))]
    public async Task Every_endpoint_answers_as_the_access_table_says(string callerName)
    {
        var caller = world.Get(callerName);
        var failures = new List<string>();
        var shared = new Dictionary<string, Targets>();
        using var client = world.RawClient();

        foreach (var (method, pattern) in MappedEndpoints().SelectMany(WalkedMethods).Distinct())
        {
            var row = AccessTable.Find(method, pattern)!;
            foreach (var environment in new[] { AccessWorld.InEnvironment, AccessWorld.OutOfEnvironment })
            {
                var targets = method == "GET"
                    ? shared.TryGetValue(environment, out var known) ? known : shared[environment] = await TargetsAsync(caller, environment)
                    : await TargetsAsync(caller, environment);
                var expected = AccessRules.Refusal(caller.Grant, row.ReachOf(caller.Grant.Role), ExpectedTarget(row, caller, environment, targets)) is null;
                var answer = await SendAsync(client, caller, row, method, targets, environment);
                if (Judge(answer, row, expected, caller) is { } failure)
                {
                    failures.Add($"{method} {pattern} in {environment}: {failure}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{caller} got {failures.Count} answers the table does not give:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_refusal_is_a_problem_naming_role_and_environment_and_is_audited()
    {
        var owner = world.Get("owner-dev");
        var identity = await world.Server.CreateIdentityAsync(AccessWorld.OutOfEnvironment);
        using var client = world.RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/identities/{identity}/apikeys") { Content = JsonContent.Create(new { }) };
        owner.Authenticate(request, dashboard: false);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("urn:lanyard:problem:forbidden", problem["type"]!.GetValue<string>());
        Assert.Equal("owner", problem["role"]!.GetValue<string>());
        Assert.Equal("prod", problem["environment"]!.GetValue<string>());
        Assert.Contains("limited to environment(s) dev, not prod", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(problem["team"]);
        var audited = (await world.Server.AuditAsync("request.refused")).Select(e => e["detail"]!.GetValue<string>()).ToList();
        Assert.Contains(audited, d => d.Contains($"/v1/identities/{{id:guid}}/apikeys", StringComparison.Ordinal)
            && d.Contains("\"environment\":\"prod\"", StringComparison.Ordinal) && d.Contains("\"role\":\"Owner\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_owner_refused_another_teams_identity_is_told_the_team_by_name()
    {
        var owner = world.Get("owner-dev");
        using var admin = world.Server.Client();
        var identity = (await AccessWorld.PostAsync(admin, "/v1/identities",
            new { name = "billing-export", environment = AccessWorld.InEnvironment, owner = "team-b" }))["id"]!.GetValue<string>();
        using var client = world.RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/identities/{identity}");
        owner.Authenticate(request, dashboard: false);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("team-b", problem["team"]!.GetValue<string>());
        Assert.Contains("not team team-b", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/identities/{identity}")).StatusCode);
    }

    [Fact]
    public async Task An_owner_cannot_hand_its_identity_to_another_team_or_leave_it_without_owner()
    {
        var owner = world.Get("owner-dev");
        using var admin = world.Server.Client();
        var identity = (await AccessWorld.PostAsync(admin, "/v1/identities",
            new { name = $"svc-{Guid.NewGuid():N}"[..20], environment = AccessWorld.InEnvironment, owner = AccessWorld.TeamName }))["id"]!
            .GetValue<string>();
        using var client = world.RawClient();

        foreach (var body in new object[] { new { owner = "team-b" }, new { clearOwner = true } })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/identities/{identity}") { Content = JsonContent.Create(body) };
            owner.Authenticate(request, dashboard: false);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        }

        var unchanged = (await admin.GetFromJsonAsync<JsonObject>($"/v1/identities/{identity}"))!;
        Assert.Equal(AccessWorld.TeamName, unchanged["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_owner_limited_to_dev_cannot_redirect_a_webhook_that_carries_its_teams_prod_events_but_may_edit_the_contact()
    {
        var owner = world.Get("owner-dev");
        using var admin = world.Server.Client();
        await AccessWorld.PostAsync(admin, "/v1/identities",
            new { name = $"svc-{Guid.NewGuid():N}"[..20], environment = AccessWorld.OutOfEnvironment, owner = AccessWorld.TeamName });
        var before = (await admin.GetFromJsonAsync<JsonObject>($"/v1/owners/{AccessWorld.TeamName}"))!;
        using var client = world.RawClient();

        using var redirect = new HttpRequestMessage(HttpMethod.Patch, $"/v1/owners/{AccessWorld.TeamName}")
        {
            Content = JsonContent.Create(new { webhook = "https://collector.attacker.example/hook" }),
        };
        owner.Authenticate(redirect, dashboard: false);
        var refused = await client.SendAsync(redirect);
        using var contact = new HttpRequestMessage(HttpMethod.Patch, $"/v1/owners/{AccessWorld.TeamName}")
        {
            Content = JsonContent.Create(new { contact = "team-a-oncall@example.com" }),
        };
        owner.Authenticate(contact, dashboard: false);
        var allowed = await client.SendAsync(contact);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("prod", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var after = (await admin.GetFromJsonAsync<JsonObject>($"/v1/owners/{AccessWorld.TeamName}"))!;
        Assert.Equal(before["webhook"]?.ToJsonString(), after["webhook"]?.ToJsonString());
        var audit = await world.Server.AuditAsync("owner.update");
        Assert.Contains(audit, e => e["outcome"]!.GetValue<string>() == "refused");
    }

    [Fact]
    public async Task An_auditor_is_told_its_role_may_not_make_the_change()
    {
        using var client = world.RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/identities")
        {
            Content = JsonContent.Create(new { name = "auditor-made", environment = AccessWorld.InEnvironment }),
        };
        world.Get("auditor").Authenticate(request, dashboard: false);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Not allowed: the auditor role may not POST /v1/identities/.", problem["detail"]!.GetValue<string>());
        Assert.Equal("auditor", problem["role"]!.GetValue<string>());
    }

    private sealed record Targets(string Identity, string Credential, string Principal);

    private sealed record MappedEndpoint(string Method, string Pattern)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    private List<MappedEndpoint> MappedEndpoints()
    {
        var endpoints = world.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return
        [
            .. endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new MappedEndpoint(m, AccessFilter.PatternText(e.RoutePattern))))
                .Distinct(),
        ];
    }

    /// <summary>Pages answer every method; they are walked as browsers use them: GET, and POST for the forms that act.</summary>
    private static IEnumerable<(string Method, string Pattern)> WalkedMethods(MappedEndpoint endpoint)
    {
        if (endpoint.Method != "*")
        {
            yield return (endpoint.Method, endpoint.Pattern);
            yield break;
        }

        yield return ("GET", endpoint.Pattern);
        if (endpoint.Pattern.EndsWith("/rotate", StringComparison.Ordinal) || endpoint.Pattern.EndsWith("/revoke", StringComparison.Ordinal))
        {
            yield return ("POST", endpoint.Pattern);
        }
    }

    /// <summary>
    /// Fresh targets for each change, since changes revoke, rotate and delete what they act on. A
    /// workload's in-environment target is its own identity.
    /// </summary>
    private async Task<Targets> TargetsAsync(Caller caller, string environment)
    {
        using var admin = world.Server.Client();
        var identity = caller.Grant.Role == Role.Workload && environment == AccessWorld.InEnvironment
            ? world.WorkloadIdentity
            : (await AccessWorld.PostAsync(admin, "/v1/identities",
                new { name = $"svc-{Guid.NewGuid():N}"[..20], environment, owner = AccessWorld.TeamName }))["id"]!.GetValue<string>();
        var credential = (await AccessWorld.PostAsync(admin, $"/v1/identities/{identity}/apikeys", new { }))["credential"]!["id"]!.GetValue<string>();
        var principal = (await AccessWorld.PostAsync(admin, "/v1/principals",
            new { name = $"p-{Guid.NewGuid():N}", role = "admin", environments = new[] { environment } }))["principal"]!["id"]!.GetValue<string>();
        return new Targets(identity, credential, principal);
    }

    /// <summary>What the request acts on, as this test built it, independent of how the server finds it.</summary>
    private AccessTarget ExpectedTarget(AccessRow row, Caller caller, string environment, Targets targets)
    {
        var identity = new AccessTarget(environment, world.Team, new IdentityId(Guid.Parse(targets.Identity)));
        return row.Target switch
        {
            TargetKind.None => AccessTarget.Global,
            TargetKind.EnvironmentRoute or TargetKind.EnvironmentBody or TargetKind.EnvironmentQuery or TargetKind.EndpointBody =>
                new AccessTarget(environment),
            TargetKind.OwnerRoute => new AccessTarget(Owner: world.Team),
            TargetKind.IdentityRoute or TargetKind.IdentityBody or TargetKind.IdentityPatch or TargetKind.CredentialRoute
                or TargetKind.CredentialBody or TargetKind.CredentialQuery => identity with
                {
                    Identity = row.Target == TargetKind.IdentityBody ? null : identity.Identity,
                },
            TargetKind.Caller => new AccessTarget(caller.Grant.Environments.Count > 0 ? caller.Grant.Environments[0] : null, null, caller.Grant.Identity),
            TargetKind.PrincipalBody or TargetKind.PrincipalRoute => new AccessTarget(environment),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row.Target, "Unknown target kind."),
        };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Caller caller, AccessRow row, string method, Targets targets, string environment)
    {
        var dashboard = IsDashboard(row.Pattern);
        var path = FillRoute(row.Pattern, targets, environment) + row.Target switch
        {
            TargetKind.EnvironmentQuery => $"?environment={environment}",
            TargetKind.CredentialQuery => $"?identity={targets.Identity}",
            _ => "",
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (row.Pattern.StartsWith("/v1/policies/", StringComparison.Ordinal) && method != "GET")
        {
            // A policy file is YAML; one that only names its environment changes no setting.
            request.Content = new StringContent($"environment: {environment}\n", System.Text.Encoding.UTF8, "application/yaml");
        }
        else if (Body(method, row.Pattern, targets, environment) is { } body)
        {
            request.Content = JsonContent.Create(body);
        }

        if (!row.Public || dashboard)
        {
            caller.Authenticate(request, dashboard);
        }

        if (dashboard && method != "GET")
        {
            await AddAntiforgeryAsync(client, caller, request);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Allowed: neither 401 nor 403 (nor, on the dashboard, a trip to sign-in). Refused: a 403 saying why.</summary>
    private static string? Judge(HttpResponseMessage answer, AccessRow row, bool expected, Caller caller)
    {
        var status = (int)answer.StatusCode;
        var body = answer.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (row.Public)
        {
            // Public endpoints authenticate their own callers (OAuth2 answers 401 invalid_client); only
            // Lanyard's own refusal would be wrong here.
            return body.Contains("urn:lanyard:problem:forbidden", StringComparison.Ordinal)
                || body.Contains("urn:lanyard:problem:unauthenticated", StringComparison.Ordinal)
                ? $"public endpoint refused: {status} {body}"
                : null;
        }

        var refused = status is 401 or 403 || Caller.IsRedirectToSignIn(answer);
        if (expected && IsDashboard(row.Pattern) && status == 400)
        {
            return "the page answered 400: the walk's form post did not get through antiforgery";
        }

        if (expected && refused)
        {
            return $"expected allowed, got {status} {body}";
        }

        // An API key holds no dashboard session: the dashboard sends it to sign in, where it is refused.
        if (!expected && IsDashboard(row.Pattern) && caller.Session is null)
        {
            return Caller.IsRedirectToSignIn(answer) ? null : $"expected a trip to sign-in, got {status}";
        }

        if (!expected && status != 403)
        {
            return $"expected 403, got {status} {Shorten(body)}";
        }

        if (!expected && !IsDashboard(row.Pattern) && !body.Contains("Not allowed:", StringComparison.Ordinal))
        {
            return $"the 403 does not say why: {body}";
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static bool IsDashboard(string pattern) =>
        !pattern.StartsWith("/v1", StringComparison.Ordinal) && !pattern.StartsWith("/oauth2", StringComparison.Ordinal)
        && !pattern.StartsWith("/.well-known", StringComparison.Ordinal) && !pattern.StartsWith("/health", StringComparison.Ordinal)
        && pattern is not "/metrics" and not "/openapi/{documentName}.json";

    private static string FillRoute(string pattern, Targets targets, string environment)
    {
        var id = pattern switch
        {
            _ when pattern.Contains("/principals/", StringComparison.Ordinal) => targets.Principal,
            _ when pattern.Contains("/credentials/", StringComparison.Ordinal) => targets.Credential,
            _ => targets.Identity,
        };
        return pattern.Replace("{name}", environment, StringComparison.Ordinal)
            .Replace("{env}", environment, StringComparison.Ordinal)
            .Replace("{idOrName}", AccessWorld.TeamName, StringComparison.Ordinal)
            .Replace("{source}", "aws", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{id:guid}", id, StringComparison.Ordinal);
    }

    /// <summary>A body that binds, so the answer is the access decision and not a 400 from binding.</summary>
    private static object? Body(string method, string pattern, Targets targets, string environment) => (method, pattern) switch
    {
        ("POST", "/v1/environments/") => new { name = environment },
        ("PATCH", "/v1/environments/{name}") => new { },
        ("POST", "/v1/owners/") => new { name = $"team-{Guid.NewGuid():N}"[..20] },
        ("PATCH", "/v1/owners/{idOrName}") => new { contact = "team-a@example.com" },
        ("POST", "/v1/identities/") => new { name = $"svc-{Guid.NewGuid():N}"[..20], environment, owner = AccessWorld.TeamName },
        ("PATCH", "/v1/identities/{id:guid}") => new { labels = new Dictionary<string, string> { ["tier"] = "1" } },
        ("POST", "/v1/credentials/") => new { identity = targets.Identity, name = "db password", kind = "secret" },
        ("PATCH", "/v1/credentials/{id:guid}") => new { },
        ("POST", "/v1/identities/{id:guid}/clients") => new { scopes = new[] { "orders.read" } },
        ("POST", "/v1/identities/{id:guid}/certificates") => new { dnsNames = new[] { "orders.internal.example" } },
        ("POST", "/v1/svid/jwt") => new { audience = new[] { "https://orders.example" } },
        ("POST", "/v1/scan-reports/") => new { source = "github.com/acme/orders", findings = Array.Empty<object>() },
        ("POST", "/v1/endpoints/") => new { host = "127.0.0.1", port = 9, environment },
        ("POST", "/v1/principals/") => new { name = $"p-{Guid.NewGuid():N}", role = "admin", environments = new[] { environment } },
        ("POST", _) when !IsDashboard(pattern) => new { },
        _ => null,
    };

    /// <summary>Dashboard forms carry an antiforgery token; one from any page the caller may open serves.</summary>
    private static async Task AddAntiforgeryAsync(HttpClient client, Caller caller, HttpRequestMessage request)
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        caller.Authenticate(page, dashboard: true);
        using var response = await client.SendAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        var marker = "name=\"__csrf\" type=\"hidden\" value=\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || !response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }

        var token = html[(at + marker.Length)..html.IndexOf('"', at + marker.Length)];
        var antiforgery = cookies.First(c => c.StartsWith("__Host-lanyard-antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        request.Headers.Remove("Cookie");
        request.Headers.Add("Cookie", $"__Host-lanyard-session={caller.Session}; {antiforgery}");
        request.Content = new FormUrlEncodedContent([new("__csrf", WebUtility.HtmlDecode(token)), new("reason", "matrix test")]);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lanyard.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("The repository root (Lanyard.slnx) is not above the test binaries.");
    }
}
