using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Hosting;

namespace Lanyard.Server.Tests.Api;

public sealed class ScanReportEndpointTests : IAsyncLifetime
{
    private const string Repository = "github.com/acme/billing";
    private const string Commit = "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39";

    private TestLanyard _lanyard = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _lanyard = await TestLanyard.StartAsync();
        _client = _lanyard.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _lanyard.DisposeAsync();
    }

    private static string FingerprintOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static JsonObject Finding(string fingerprint, string path = "deploy/prod.env", int line = 3) => new()
    {
        ["ruleId"] = "aws-access-key-id",
        ["kind"] = "aws-access-key-id",
        ["path"] = path,
        ["line"] = line,
        ["column"] = 19,
        ["fingerprint"] = fingerprint,
        ["confidence"] = "high",
        ["commit"] = Commit,
        ["commitTime"] = "2026-06-01T10:00:00Z",
    };

    private static JsonObject Report(params JsonObject[] findings) =>
        new() { ["source"] = Repository, ["findings"] = new JsonArray([.. findings]) };

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(JsonNode report)
    {
        using var response = await _client.PostAsync("/v1/scan-reports",
            new StringContent(report.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<JsonArray> FindingsAsync(string query = "") =>
        JsonNode.Parse(await _client.GetStringAsync("/v1/findings" + query))!.AsArray();

    private async Task<int> StoredSightingsAsync() =>
        JsonNode.Parse(await _client.GetStringAsync("/v1/scan-reports"))!["items"]!.AsArray().Count;

    [Fact]
    public async Task A_reported_key_id_links_to_the_imported_access_key_and_the_finding_names_identity_environment_and_owner()
    {
        await AwsExport.ImportAsync(_client);

        var (status, answer) = await PostAsync(Report(Finding(FingerprintOf(AwsExport.AccessKeyId))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 1, 0), (answer["received"]!.GetValue<int>(), answer["stored"]!.GetValue<int>(), answer["updated"]!.GetValue<int>()));
        var linked = Assert.Single(answer["linked"]!.AsArray())!;
        Assert.Equal(AwsExport.User, linked["identity"]!.GetValue<string>());
        Assert.Equal("prod", linked["environment"]!.GetValue<string>());
        Assert.Equal(AwsExport.Owner, linked["owner"]!.GetValue<string>());

        var finding = Assert.Single(await FindingsAsync("?environment=prod"), f => f!["kind"]!.GetValue<string>() == "hardcoded-secret")!;
        Assert.Equal(linked["credentialId"]!.GetValue<string>(), finding["credentialId"]!.GetValue<string>());
        Assert.Equal(AwsExport.User, finding["identity"]!.GetValue<string>());
        Assert.Equal(AwsExport.Owner, finding["owner"]!.GetValue<string>());
        Assert.Equal(FingerprintOf(AwsExport.AccessKeyId), finding["fingerprint"]!.GetValue<string>());
        var location = Assert.Single(finding["locations"]!.AsArray())!;
        Assert.Equal((Repository, "deploy/prod.env", 3, Commit),
            (location["source"]!.GetValue<string>(), location["path"]!.GetValue<string>(), location["line"]!.GetValue<int>(), location["commit"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_secret_the_inventory_does_not_hold_is_a_finding_with_no_environment()
    {
        await PostAsync(Report(Finding(FingerprintOf("sk_live_unknown"), "src/pay.py", 40)));

        var finding = Assert.Single(await FindingsAsync())!;

        Assert.Equal("hardcoded-secret", finding["kind"]!.GetValue<string>());
        Assert.Null(finding["environment"]);
        Assert.Empty(finding["environments"]!.AsArray());
        Assert.Null(finding["identity"]);
        Assert.Empty(await FindingsAsync("?environment=prod"));
    }

    [Fact]
    public async Task Reporting_the_same_scan_twice_stores_each_place_once()
    {
        var report = Report(Finding(FingerprintOf("a")), Finding(FingerprintOf("b"), line: 9));
        await PostAsync(report);

        var (_, again) = await PostAsync(report);

        Assert.Equal((0, 2), (again["stored"]!.GetValue<int>(), again["updated"]!.GetValue<int>()));
        Assert.Equal(2, await StoredSightingsAsync());
    }

    [Theory]
    [InlineData("fingerprint", "AKIAZQ3DRSTUVWXY2345")]
    [InlineData("fingerprint", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("line", 0)]
    [InlineData("path", "")]
    [InlineData("commit", "not-a-commit")]
    public async Task A_bad_finding_is_refused_with_400_naming_its_field_and_index_and_nothing_is_stored(string field, object value)
    {
        var bad = Finding(FingerprintOf("b"));
        bad[field] = JsonValue.Create(value);

        var (status, problem) = await PostAsync(Report(Finding(FingerprintOf("a")), bad));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"findings[1].{field}", problem["field"]!.GetValue<string>());
        Assert.Equal(0, await StoredSightingsAsync());
        Assert.Empty(await FindingsAsync());
    }

    [Fact]
    public async Task A_finding_that_carries_the_secret_itself_is_refused_and_nothing_is_stored()
    {
        var leaking = Finding(FingerprintOf("hunter2-prod"));
        leaking["secret"] = "hunter2-prod";

        var (status, problem) = await PostAsync(Report(leaking));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("secret", problem["field"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredSightingsAsync());
        var database = await _lanyard.DatabaseBytesAsync();
        Assert.True(database.AsSpan().IndexOf("hunter2-prod"u8) < 0, "the database holds the secret");
    }

    [Fact]
    public async Task A_finding_without_a_fingerprint_is_refused_naming_the_field()
    {
        var missing = Finding(FingerprintOf("a"));
        missing.Remove("fingerprint");

        var (status, problem) = await PostAsync(Report(missing));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("findings[0]", problem["field"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("fingerprint", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_findings_than_one_report_holds_are_refused_whole()
    {
        var findings = Enumerable.Range(1, 10_001).Select(i => Finding(FingerprintOf("a"), line: i)).ToArray();

        var (status, problem) = await PostAsync(Report(findings));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("findings", problem["field"]!.GetValue<string>());
        Assert.Equal(0, await StoredSightingsAsync());
    }

    [Fact]
    public async Task Stored_places_list_by_source_and_fingerprint()
    {
        await PostAsync(Report(Finding(FingerprintOf("a")), Finding(FingerprintOf("b"), line: 9)));

        var page = JsonNode.Parse(await _client.GetStringAsync($"/v1/scan-reports?source={Uri.EscapeDataString(Repository)}&fingerprint={FingerprintOf("b")}"))!;
        using var badFilter = await _client.GetAsync("/v1/scan-reports?fingerprint=xyz");

        var sighting = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(9, sighting["line"]!.GetValue<int>());
        Assert.Equal("high", sighting["confidence"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_scan_reports()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        var path = document["paths"]!["/v1/scan-reports"]!;
        Assert.NotNull(path["post"]);
        Assert.NotNull(path["get"]);
    }
}
