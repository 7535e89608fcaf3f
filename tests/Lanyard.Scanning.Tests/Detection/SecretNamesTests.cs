using Lanyard.Scanning.Detection.Detectors;

namespace Lanyard.Scanning.Tests.Detection;

public sealed class SecretNamesTests
{
    [Fact]
    public void Every_naming_word_passes_the_quick_test_so_no_secret_name_is_turned_away()
    {
        foreach (var word in SecretNames.NamingWords)
        {
            Assert.True(SecretNames.MayNameASecret(word), $"'{word}' names secrets but fails the quick test");
            Assert.True(SecretNames.MayNameASecret(word.ToUpperInvariant()), $"'{word}' in capitals fails the quick test");
        }
    }

    [Theory]
    [InlineData("pass_phrase", "Password")]
    [InlineData("clientSecret", "Secret")]
    [InlineData("STRIPE_API_KEY", "Secret")]
    [InlineData("orderTotal", "None")]
    [InlineData("password_hash", "None")]
    public void Names_are_classified_by_their_words(string name, string expected)
    {
        Assert.Equal(expected, SecretNames.Classify(name).ToString());
    }
}
