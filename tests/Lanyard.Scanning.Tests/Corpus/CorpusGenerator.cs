using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>
/// Writes the labeled accuracy corpus: a slice of a fictional company's repositories in many file types,
/// with fake but format-valid secrets and many hard negatives, plus <c>truth.jsonl</c> and
/// <c>negatives.jsonl</c> in the shape the shared cases use. Tokens come from a seeded generator; keys are
/// made fresh on every run, so their hashes change but their lines do not.
/// </summary>
internal static partial class CorpusGenerator
{
    public static IReadOnlyList<CorpusFile> Build(int seed = 1207)
    {
        var t = new TestTokens(seed);
        var files = new List<CorpusFile>();
        AddConfigFiles(files, t);
        AddDeploymentFiles(files, t);
        AddSourceFiles(files, t);
        AddKeyFiles(files, t);
        AddDocsAndGenerated(files, t);
        return files;
    }

    /// <summary>Writes <c>files/</c>, <c>truth.jsonl</c> and <c>negatives.jsonl</c> under <paramref name="folder"/>.</summary>
    public static void Write(string folder, int seed = 1207)
    {
        var files = Build(seed);
        var root = Path.Combine(folder, "files");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        foreach (var file in files)
        {
            var path = Path.Combine(root, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        var secrets = files.SelectMany(f => f.Secrets).ToList();
        var negatives = files.SelectMany(f => f.Negatives).ToList();
        var labeled = secrets.Select(s => (s.File, s.Line)).Concat(negatives.Select(n => (n.File, n.Line))).ToList();
        if (labeled.Count != labeled.Distinct().Count())
        {
            throw new InvalidOperationException("A corpus line is labeled twice.");
        }

        File.WriteAllLines(Path.Combine(folder, "truth.jsonl"), secrets.Select(s => JsonSerializer.Serialize(
            s.EndLine is { } end
                ? new Dictionary<string, object> { ["file"] = s.File, ["line"] = s.Line, ["kind"] = s.Kind, ["sha256"] = Sha256(s.Secret!), ["end_line"] = end }
                : new Dictionary<string, object> { ["file"] = s.File, ["line"] = s.Line, ["kind"] = s.Kind, ["sha256"] = Sha256(s.Secret!) })));
        File.WriteAllLines(Path.Combine(folder, "negatives.jsonl"), negatives.Select(n => JsonSerializer.Serialize(
            new Dictionary<string, object> { ["file"] = n.File, ["line"] = n.Line, ["reason"] = n.Kind })));
    }

    private static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Uuid(TestTokens t) =>
        $"{t.Hex(8)}-{t.Hex(4)}-4{t.Hex(3)}-a{t.Hex(3)}-{t.Hex(12)}";
}
