using Xunit.Abstractions;

namespace Lanyard.Scanning.Tests.Rules;

/// <summary>Every built-in rule finds its positive case, stays quiet on its hard negative, and has both.</summary>
public sealed class RuleCoverageTests(ITestOutputHelper output)
{
    public static TheoryData<string> RuleIds() => [.. SecretScanner.Rules.Select(r => r.Id).Distinct()];

    [Fact]
    public void Every_rule_has_a_positive_and_a_negative_case()
    {
        var rules = SecretScanner.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var withoutCase = rules.Where(id => !RuleCases.All.ContainsKey(id)).Order().ToList();
        var caseWithoutRule = RuleCases.All.Keys.Where(id => !rules.Contains(id)).Order().ToList();

        Assert.True(withoutCase.Count == 0, "Rules without cases: " + string.Join(", ", withoutCase));
        Assert.True(caseWithoutRule.Count == 0, "Cases for unknown rules: " + string.Join(", ", caseWithoutRule));
    }

    [Fact]
    public void The_catalog_covers_at_least_sixty_credential_kinds()
    {
        var rules = SecretScanner.Rules;
        foreach (var family in rules.GroupBy(r => r.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{family.Key}: {string.Join(", ", family.Select(r => r.Id))}");
        }

        var kinds = rules.Select(r => r.Kind).Distinct().Count();
        output.WriteLine($"{rules.Count} rules, {kinds} kinds");
        Assert.True(kinds >= 60, $"only {kinds} kinds");
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_reports_its_positive_case_with_the_secret_fingerprint(string ruleId)
    {
        var @case = RuleCases.All[ruleId];

        var findings = Scan.Text(@case.Text, @case.Path);

        var described = string.Join("; ", findings.Select(f => $"{f.RuleId}@{f.Line}:{f.Column} {f.Redacted}"));
        Assert.True(findings.Count == 1, $"{ruleId} in {@case.Path}: expected one finding, got [{described}]\n{@case.Text}");
        Assert.Equal(ruleId, findings[0].RuleId);
        Assert.Equal(Scan.Fingerprint(@case.Secret), findings[0].Fingerprint);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_stays_quiet_on_its_hard_negative(string ruleId)
    {
        var @case = RuleCases.All[ruleId];

        var findings = Scan.Text(@case.NegativeText, @case.NegativePath, Confidence.Low);

        var described = string.Join("; ", findings.Select(f => $"{f.RuleId}@{f.Line} {f.Redacted}"));
        Assert.True(findings.Count == 0, $"{ruleId} negative ({@case.NegativeReason}) reported [{described}]\n{@case.NegativeText}");
    }
}
