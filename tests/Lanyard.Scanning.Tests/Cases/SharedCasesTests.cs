using Xunit.Abstractions;

namespace Lanyard.Scanning.Tests.Cases;

/// <summary>The labeled sample in shared/cases/secrets, scored as its README defines.</summary>
public sealed class SharedCasesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scanning_the_labeled_sample_finds_every_secret_with_its_fingerprint_and_nothing_else()
    {
        var folder = CasesLocator.SecretsFolder();
        var corpus = LabeledCorpus.Load(folder);

        var result = await new SecretScanner().RunAsync(new ScanRequest { Paths = [Path.Combine(folder, "files")] });
        var score = new CorpusScore(corpus, result.Findings);
        output.WriteLine(score.Describe());

        Assert.True(score.Recall >= 0.95, score.Describe());
        Assert.True(score.Precision >= 0.95, score.Describe());
        Assert.True(score.StrictRecall >= 0.95, score.Describe());
        Assert.Empty(score.NegativesHit);
    }

    [Fact]
    public async Task Scanning_the_labeled_sample_reports_no_warnings()
    {
        var folder = CasesLocator.SecretsFolder();

        var result = await new SecretScanner().RunAsync(new ScanRequest { Paths = [Path.Combine(folder, "files")] });

        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
        Assert.Equal(39, result.FilesScanned);
    }
}
