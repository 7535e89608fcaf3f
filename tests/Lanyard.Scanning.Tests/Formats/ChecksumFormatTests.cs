using System.Text;

using Lanyard.Core.Keys;
using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Tests.Formats;

public sealed class ChecksumFormatTests
{
    [Fact]
    public void Crc32_of_the_standard_check_string_is_CBF43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xCBF43926u, Crc32.ComputeAscii("123456789"));
    }

    [Theory]
    [InlineData(0u, "000000")]
    [InlineData(61u, "00000z")]
    [InlineData(62u, "000010")]
    [InlineData(uint.MaxValue, "4gfFC3")]
    public void Base62_encoding_is_left_padded_with_zeros(uint value, string expected)
    {
        Assert.Equal(expected, Base62.Encode(value, 6));
    }

    [Fact]
    public void A_checksummed_token_validates_and_any_changed_character_breaks_it()
    {
        var token = new TestTokens().Checksummed("ghp_");

        Assert.True(ChecksummedToken.IsValid(token, 4));
        var altered = token[..10] + (token[10] == 'a' ? 'b' : 'a') + token[11..];
        Assert.False(ChecksummedToken.IsValid(altered, 4));
    }

    [Fact]
    public void A_Lanyard_key_carries_its_environment_and_a_checksum_over_prefix_environment_and_random_part()
    {
        var key = LanyardKeyFormat.Create("prod");

        Assert.StartsWith("lny_prod_", key, StringComparison.Ordinal);
        Assert.True(LanyardKeyFormat.TryParse(key, out var environment));
        Assert.Equal("prod", environment);
        Assert.True(key.Length >= "lny_prod_".Length + LanyardKeyFormat.RandomLength + LanyardKeyFormat.ChecksumLength);
    }

    [Fact]
    public void A_Lanyard_key_moved_to_another_environment_fails_its_checksum()
    {
        var key = LanyardKeyFormat.Create("staging");

        var moved = "lny_prod_" + key["lny_staging_".Length..];

        Assert.False(LanyardKeyFormat.IsValid(moved));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Prod")]
    [InlineData("dev_eu")]
    public void Lanyard_key_environments_are_lowercase_names_without_underscores(string environment)
    {
        Assert.Throws<ArgumentException>(() => LanyardKeyFormat.Create(environment));
    }

    [Fact]
    public void Two_issued_Lanyard_keys_differ()
    {
        Assert.NotEqual(LanyardKeyFormat.Create("dev"), LanyardKeyFormat.Create("dev"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("eu-west-1-payments-production-cluster-with-a-very-long-name-063")]
    public void The_scanner_finds_a_key_issued_for_any_valid_environment_name(string environment)
    {
        var key = LanyardKeyFormat.Create(environment);

        var finding = Scan.Single($"LANYARD_KEY={key}\n");

        Assert.Equal("lanyard-api-key", finding.RuleId);
        Assert.Equal(Confidence.High, finding.Confidence);
        Assert.Equal(SecretHash.Of(key), Scan.Fingerprint(key));
    }
}
