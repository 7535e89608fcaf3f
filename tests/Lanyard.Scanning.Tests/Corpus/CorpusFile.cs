namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>
/// One file of the generated corpus, written line by line. Secret and negative lines are labeled as
/// they are added, so line numbers in the truth files always match the text.
/// </summary>
internal sealed class CorpusFile(string path)
{
    private readonly List<string> lines = [];

    public string Path { get; } = path;

    public List<CorpusLabel> Secrets { get; } = [];

    public List<CorpusLabel> Negatives { get; } = [];

    public string Text => string.Join('\n', lines) + "\n";

    private int NextLine => lines.Count + 1;

    public CorpusFile Add(params string[] text)
    {
        foreach (var block in text)
        {
            lines.AddRange(block.Split('\n'));
        }

        return this;
    }

    /// <summary>A line holding a secret; <paramref name="secret"/> is the string a scanner should report.</summary>
    public CorpusFile Secret(string kind, string secret, string text)
    {
        Secrets.Add(new CorpusLabel(Path, NextLine, kind, secret, null));
        return Add(text);
    }

    /// <summary>A secret over several lines (PEM, PuTTY), labeled from its first to its last line.</summary>
    public CorpusFile SecretBlock(string kind, string secret, string text)
    {
        var first = NextLine;
        Add(text.TrimEnd('\n'));
        Secrets.Add(new CorpusLabel(Path, first, kind, secret, NextLine - 1));
        return this;
    }

    /// <summary>A line that looks like a secret and must not be reported.</summary>
    public CorpusFile Negative(string reason, string text)
    {
        Negatives.Add(new CorpusLabel(Path, NextLine, reason, null, null));
        return Add(text);
    }

    /// <summary>A multi-line public value (certificate, public key): every line is a negative.</summary>
    public CorpusFile NegativeBlock(string reason, string text)
    {
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            Negative(reason, line);
        }

        return this;
    }
}

/// <summary>A labeled line: for a secret, its kind and secret string; for a negative, the reason in <c>Kind</c>.</summary>
internal sealed record CorpusLabel(string File, int Line, string Kind, string? Secret, int? EndLine);
