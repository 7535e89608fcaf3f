using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Scanning.Tests.Detection;

public sealed class EncodedSecretTests
{
    private readonly TestTokens tokens = new(seed: 31);

    [Fact]
    public void Hex_encoded_github_token_is_found_with_the_decoded_fingerprint_at_the_encoded_column()
    {
        var token = tokens.Checksummed("ghp_");
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(token));

        var finding = Scan.Single("build:\n  blob: " + hex + "\n", "ci.yml");

        Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
        Assert.Equal((2, 9), (finding.Line, finding.Column));
        Assert.StartsWith("github", finding.RuleId, StringComparison.Ordinal);
    }

    [Fact]
    public void Uppercase_hex_is_decoded_too()
    {
        var token = tokens.Checksummed("npm_");
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(token));

        Assert.Equal(Scan.Fingerprint(token), Scan.Single("value=" + hex + "\n", "dump.txt").Fingerprint);
    }

    [Fact]
    public void Sha256_hex_digests_are_not_reported()
    {
        var digests = Enumerable.Range(0, 20)
            .Select(i => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))))
            .Select((d, i) => $"file{i}.tar.gz sha256={d}");

        Assert.Empty(Scan.Text(string.Join('\n', digests) + "\n", "checksums.txt"));
    }

    [Fact]
    public void Hex_of_plain_text_without_a_secret_is_not_reported()
    {
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes("the password policy is documented elsewhere"));

        Assert.Empty(Scan.Text("note: " + hex + "\n", "notes.yml"));
    }

    [Fact]
    public void Base64_encoded_token_outside_kubernetes_data_is_found()
    {
        var token = tokens.Checksummed("ghp_");
        foreach (var prefix in new[] { "", "x", "xy" })
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + "token=" + token));

            var finding = Scan.Single("const blob = \"" + encoded + "\";\n", "app.js");

            Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
            Assert.Equal(15, finding.Column);
        }
    }

    [Fact]
    public void Percent_encoded_password_in_a_url_is_fingerprinted_as_written()
    {
        var password = "Zq7" + tokens.Password(14) + "@#";
        var written = Uri.EscapeDataString(password);
        var url = "postgres://billing:" + written + "@db.internal:5432/billing";

        var finding = Scan.Single("DATABASE_URL=" + url + "\n", "service.env");

        Assert.Equal(Scan.Fingerprint(written), finding.Fingerprint);
        Assert.Equal((1, 33), (finding.Line, finding.Column));
    }

    [Fact]
    public void A_docker_auth_pair_holding_a_token_is_reported_as_the_auth_value_as_written()
    {
        var pair = "ci-bot:dckr_pat_" + tokens.UrlSafe(27);
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair));
        var config = "{\n  \"auths\": {\n    \"https://index.docker.io/v1/\": {\n      \"auth\": \"" + auth + "\"\n    }\n  }\n}\n";

        var finding = Scan.Single(config, ".docker/config.json");

        Assert.Equal("docker-config-auth", finding.RuleId);
        Assert.Equal(Scan.Fingerprint(auth), finding.Fingerprint);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void Percent_encoded_url_inside_a_query_string_is_decoded()
    {
        var token = tokens.Checksummed("ghp_");
        var inner = "https://x-access-token:" + token + "@github.com/shop/api.git";
        var line = "redirect=https://ci.example.com/start?repo=" + Uri.EscapeDataString(inner) + "&ref=main\n";

        var findings = Scan.Text(line, "access.log");

        Assert.Contains(findings, f => f.Fingerprint == Scan.Fingerprint(token));
    }

    [Fact]
    public void Percent_encoded_text_without_secrets_is_not_reported()
    {
        var line = "GET /search?q=" + Uri.EscapeDataString("how to reset a password: see docs/auth") + " 200\n";

        Assert.Empty(Scan.Text(line, "access.log"));
    }

    [Fact]
    public void Encoding_in_encoding_is_decoded_to_the_depth_limit_and_no_further()
    {
        var token = tokens.Checksummed("ghp_");
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(token));
        var twice = Convert.ToBase64String(Encoding.UTF8.GetBytes("token=" + hex));
        var thrice = Convert.ToHexStringLower(Encoding.UTF8.GetBytes("secret=" + twice));

        Assert.Equal(Scan.Fingerprint(token), Scan.Single("x: " + twice + "\n", "a.yml").Fingerprint);
        Assert.DoesNotContain(Scan.Text("x: " + thrice + "\n", "a.yml"), f => f.Fingerprint == Scan.Fingerprint(token));
    }

    [Fact]
    public void A_minified_line_of_encoded_runs_is_scanned_in_bounded_windows()
    {
        var token = tokens.Checksummed("ghp_");
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(token));
        var filler = string.Concat(Enumerable.Range(0, 200_000).Select(i => i % 7 == 0 ? "%2F" : "a1b2c3d4e5f6+/="));
        var text = filler + ";" + hex + ";" + filler;

        var finding = Assert.Single(Scan.Text(text, "bundle.min.js"));

        Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
        Assert.Equal(filler.Length + 2, finding.Column);
    }
}
