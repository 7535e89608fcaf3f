using Lanyard.Scanning.Detection;

namespace Lanyard.Scanning.Tests.Detection;

/// <summary>The <c>lanyard:allow</c> comment silences the finding on its line, in any comment syntax, and nowhere else.</summary>
public sealed class InlineAllowTests
{
    private readonly TestTokens tokens = new();

    [Theory]
    [InlineData("config.py", "# lanyard:allow")]
    [InlineData("Config.cs", "// lanyard:allow test fixture")]
    [InlineData("config.js", "/* lanyard:allow */")]
    [InlineData("config.xml", "<!-- lanyard:allow: rotated in 2025 -->")]
    [InlineData("schema.sql", "-- lanyard:allow")]
    [InlineData("settings.ini", "; lanyard:allow")]
    [InlineData("config.py", "# test key, LANYARD:ALLOW")]
    public void A_lanyard_allow_comment_on_the_line_suppresses_the_finding(string path, string comment)
    {
        var keyId = tokens.AwsKeyId();
        Assert.NotEmpty(Scan.Text($"aws_access_key_id = \"{keyId}\"", path));

        var findings = Scan.Text($"aws_access_key_id = \"{keyId}\" {comment}", path);

        Assert.Empty(findings);
    }

    [Fact]
    public void The_comment_only_covers_its_own_line()
    {
        var text = $"a = \"{tokens.AwsKeyId()}\"  # lanyard:allow\nb = \"{tokens.AwsKeyId()}\"\n";

        var finding = Scan.Single(text, "keys.py");

        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void A_private_key_is_allowed_by_a_comment_on_its_begin_line()
    {
        var body = string.Join('\n', Enumerable.Range(0, 8).Select(_ => tokens.Base64(64)));
        var pem = $"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n";
        Assert.NotEmpty(Scan.Text(pem, "id_rsa"));

        var commented = pem.Replace("BEGIN RSA PRIVATE KEY-----", "BEGIN RSA PRIVATE KEY----- # test key", StringComparison.Ordinal);
        Assert.NotEmpty(Scan.Text(commented, "id_rsa"));

        var allowed = commented.Replace("# test key", "# lanyard:allow", StringComparison.Ordinal);

        Assert.Empty(Scan.Text(allowed, "id_rsa"));
    }

    [Fact]
    public void A_kubernetes_secret_value_is_allowed_by_a_comment_after_it()
    {
        var password = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(tokens.Password(20)));
        var manifest = $"kind: Secret\ndata:\n  password: {password}\n";
        Assert.NotEmpty(Scan.Text(manifest, "secret.yaml"));

        Assert.Empty(Scan.Text(manifest.TrimEnd('\n') + "  # lanyard:allow\n", "secret.yaml"));
    }

    [Theory]
    [InlineData("token = \"x\" lanyard:allow")]
    [InlineData("url = \"https://lanyard:allow@example.com\"")]
    [InlineData("ref = issue#lanyard:allow")]
    [InlineData("x = 1 /* lanyard */ lanyard:allow")]
    [InlineData("<!-- note --> lanyard:allow")]
    [InlineData("# lanyard:allowlist")]
    public void The_marker_outside_a_comment_does_not_count(string line)
    {
        Assert.False(InlineAllow.IsAllowed(line));
    }

    [Theory]
    [InlineData("x = 1 // lanyard:allow")]
    [InlineData("x = 1;// lanyard:allow")]
    [InlineData("  - key # owner: platform, lanyard:allow")]
    [InlineData("<value>x</value><!--lanyard:allow-->")]
    public void The_marker_inside_a_comment_counts(string line)
    {
        Assert.True(InlineAllow.IsAllowed(line));
    }
}
