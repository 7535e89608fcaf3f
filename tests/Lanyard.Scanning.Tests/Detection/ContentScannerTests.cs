using System.Text;

namespace Lanyard.Scanning.Tests.Detection;

/// <summary>Line numbers, columns and long lines as the byte-level scanner of UTF-8 text reports them.</summary>
public sealed class ContentScannerTests
{
    private readonly TestTokens tokens = new();

    [Fact]
    public void Columns_count_characters_after_non_ascii_text()
    {
        var token = tokens.Checksummed("ghp_");

        var finding = Scan.Single($"// clé d'accès: ☃ {token}\n");

        Assert.Equal(1, finding.Line);
        Assert.Equal(19, finding.Column);
    }

    [Fact]
    public void Crlf_lines_are_numbered_and_the_carriage_return_is_not_part_of_the_secret()
    {
        var token = tokens.Checksummed("ghp_");

        var finding = Single(Encoding.UTF8.GetBytes($"a\r\nb\r\nGITHUB_TOKEN={token}\r\nc\r\n"), ".env");

        Assert.Equal(3, finding.Line);
        Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
    }

    [Fact]
    public void A_secret_on_the_last_line_without_a_newline_is_found()
    {
        var token = tokens.Checksummed("ghp_");

        var finding = Scan.Single(string.Concat(Enumerable.Repeat("plain line\n", 10_000)) + "x=" + token);

        Assert.Equal(10_001, finding.Line);
        Assert.Equal(3, finding.Column);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(31 * 1024 - 20)]
    [InlineData(32 * 1024 - 30)]
    [InlineData(200_000)]
    public void A_secret_inside_a_minified_line_is_found_with_its_column(int position)
    {
        var token = tokens.Checksummed("ghp_");
        var line = new StringBuilder();
        while (line.Length < position)
        {
            line.Append("var a=1;");
        }

        line.Length = position;
        line.Append(' ').Append(token).Append(' ');
        while (line.Length < 400_000)
        {
            line.Append("é=é+1;");
        }

        var finding = Scan.Single("first\n" + line + "\nlast\n", "bundle.min.js");

        Assert.Equal(2, finding.Line);
        Assert.Equal(position + 2, finding.Column);
    }

    [Fact]
    public void Utf16_and_utf8_files_give_the_same_findings()
    {
        var text = $"# deploy\nexport GITHUB_TOKEN={tokens.Checksummed("ghp_")}\n";
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        var utf8Bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var expected = Single(Encoding.UTF8.GetBytes(text), "deploy.sh");

        Assert.Equivalent(expected, Single(utf16, "deploy.sh"));
        Assert.Equivalent(expected, Single(utf8Bom, "deploy.sh"));
    }

    private static SecretFinding Single(byte[] content, string path)
    {
        using var stream = new MemoryStream(content);
        return Assert.Single(new SecretScanner().ScanStream(stream, path));
    }
}
