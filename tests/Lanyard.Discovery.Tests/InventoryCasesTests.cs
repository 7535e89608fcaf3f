namespace Lanyard.Discovery.Tests;

/// <summary>The Brindlewick cases: all three environments, judged, give exactly the planted findings.</summary>
public sealed class InventoryCasesTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] CaseEnvironments = ["dev", "staging", "prod"];

    [Fact]
    public void Posture_OfAllThreeEnvironments_IsExactlyTheExpectedFindings()
    {
        var harness = new InventoryHarness();
        foreach (var environment in CaseEnvironments)
        {
            harness.ImportCaseEnvironment(environment);
        }

        var expected = ExpectedFinding.Load(Path.Combine(CasesFolder.Inventory, "expected-findings.json"));
        var actual = harness.Posture(AsOf).ToList();

        var missing = expected.Where(e => actual.Count(e.Matches) != 1).ToList();
        var unexpected = actual.Where(a => expected.Count(e => e.Matches(a)) != 1).ToList();
        Assert.True(
            missing.Count == 0 && unexpected.Count == 0 && actual.Count == expected.Count,
            "Findings differ from expected-findings.json.\nNot found exactly once:\n  "
            + string.Join("\n  ", missing)
            + "\nUnexpected or ambiguous:\n  "
            + string.Join("\n  ", unexpected.Select(ExpectedFinding.Describe)));
    }

    [Fact]
    public void Import_OfTheSameFilesTwice_ChangesNothingTheSecondTime()
    {
        var harness = new InventoryHarness();
        foreach (var environment in CaseEnvironments)
        {
            harness.ImportCaseEnvironment(environment);
        }

        foreach (var environment in CaseEnvironments)
        {
            foreach (var result in harness.ImportCaseEnvironment(environment))
            {
                Assert.False(result.HasChanges, $"{environment}: the second import reported changes.");
            }
        }
    }

    [Fact]
    public void Import_OfTheCases_BindsKeysToUsersAndTokensToServiceAccounts()
    {
        var harness = new InventoryHarness();
        harness.ImportCaseEnvironment("prod");

        var deployBot = harness.Identities.Single(i => i.Name == "ci/deploy-bot");
        var token = harness.Credentials.Single(c => c.Name == "Secret ci/deploy-bot-token key token");
        var ciDeployerKeys = harness.Credentials
            .Where(c => c.KeyId is "AKIATKLFWKSE7N6D526J" or "AKIAKV4VDDVOJX5TTGCP")
            .ToList();

        Assert.Equal(deployBot.Id, token.IdentityId);
        Assert.Equal("spiffe://prod.lanyard.internal/ns/ci/sa/deploy-bot", deployBot.SpiffeId);
        Assert.Equal(2, ciDeployerKeys.Count);
        Assert.All(ciDeployerKeys, k => Assert.True(k.UsageTracked && k.LastUsedAt is not null));
        Assert.Equal(
            "spiffe://prod.lanyard.internal/aws/iam/automation/svc-ci-deployer",
            harness.Identities.Single(i => i.Name == "svc-ci-deployer").SpiffeId);
    }
}
