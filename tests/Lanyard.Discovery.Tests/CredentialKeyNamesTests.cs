using Lanyard.Discovery.Kubernetes;

namespace Lanyard.Discovery.Tests;

public sealed class CredentialKeyNamesTests
{
    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("PSP_SECRET_KEY")]
    [InlineData("password")]
    [InlineData("GOOGLE_MAPS_API_KEY")]
    [InlineData("REDIS_PASSWORD")]
    [InlineData("admin-password")]
    [InlineData("webhook-url")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("clientSecret")]
    [InlineData("apiKey")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("ssh-privatekey")]
    [InlineData("server.key")]
    [InlineData("credentials.json")]
    public void Classify_KeysThatNameSecretMaterial_AreCredentials(string key)
    {
        Assert.NotNull(CredentialKeyNames.Classify(key));
    }

    [Theory]
    [InlineData("AWS_REGION")]
    [InlineData("AWS_DEFAULT_REGION")]
    [InlineData("DB_HOST")]
    [InlineData("DB_PORT")]
    [InlineData("DB_NAME")]
    [InlineData("DB_USER")]
    [InlineData("host")]
    [InlineData("port")]
    [InlineData("username")]
    [InlineData("admin-user")]
    [InlineData("namespace")]
    [InlineData("ca.crt")]
    [InlineData("release")]
    [InlineData("DB_PASSWORD_FILE")]
    [InlineData("TOKEN_URL")]
    [InlineData("SECRET_NAME")]
    [InlineData("public-key")]
    public void Classify_ConfigurationKeys_AreNoCredentials(string key)
    {
        Assert.Null(CredentialKeyNames.Classify(key));
    }
}
