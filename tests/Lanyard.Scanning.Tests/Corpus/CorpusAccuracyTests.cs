using Lanyard.Scanning.Tests.Cases;

using Xunit.Abstractions;

namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>The generated corpus: many file types, format-valid fake secrets and hard negatives, scored like the shared cases.</summary>
public sealed class CorpusAccuracyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lanyard-corpus-").FullName;

    /// <summary>Other seeds draw other values into the same files, so no rule can lean on one random draw.</summary>
    [Theory]
    [InlineData(1207)]
    [InlineData(90210)]
    public async Task Scanning_the_generated_corpus_keeps_precision_and_recall_at_or_above_95_percent(int seed)
    {
        CorpusGenerator.Write(folder, seed);
        var corpus = LabeledCorpus.Load(folder);

        var result = await new SecretScanner().RunAsync(new ScanRequest { Paths = [Path.Combine(folder, "files")] });
        var score = new CorpusScore(corpus, result.Findings);
        output.WriteLine(score.Describe());
        foreach (var negative in score.NegativesHit)
        {
            output.WriteLine($"negative hit {negative.File}:{negative.Line} {negative.Reason}");
        }

        Assert.True(score.Recall >= 0.95, score.Describe());
        Assert.True(score.Precision >= 0.95, score.Describe());
        Assert.True(score.StrictRecall >= 0.95, score.Describe());
    }

    [Fact]
    public void The_corpus_has_many_file_types_and_more_hard_negatives_than_secrets()
    {
        var files = CorpusGenerator.Build();

        var secrets = files.Sum(f => f.Secrets.Count);
        var negatives = files.Sum(f => f.Negatives.Count);
        var types = files.Select(f => Path.GetExtension(f.Path) is { Length: > 0 } e ? e : Path.GetFileName(f.Path)).Distinct().Count();

        output.WriteLine($"{files.Count} files of {types} types, {secrets} secrets, {negatives} hard negatives");
        Assert.True(types >= 25, $"only {types} file types");
        Assert.True(secrets >= 40, $"only {secrets} secrets");
        Assert.True(negatives > secrets, $"{negatives} negatives for {secrets} secrets");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
