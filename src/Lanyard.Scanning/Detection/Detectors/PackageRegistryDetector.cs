using System.Text.RegularExpressions;

using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>Package and image registry tokens: npm (checksummed), PyPI, NuGet, Docker Hub, RubyGems, Clojars, JFrog.</summary>
internal sealed partial class PackageRegistryDetector() : PatternDetector(Name,
[
    new PatternRule(
        new SecretRule("npm-token", "npm-token", "npm access token", Name), Npm(), "npm_",
        Validate: token => ChecksummedToken.IsValid(token, 4) ? Confidence.High : null),
    Token("pypi-token", "PyPI API token", PyPi(), "pypi-"),
    Token("nuget-api-key", "NuGet.org API key", NuGet(), "oy2"),
    Token("dockerhub-pat", "Docker Hub personal access token", DockerHub(), "dckr_pat_"),
    Token("dockerhub-oat", "Docker Hub organization access token", DockerHubOrg(), "dckr_oat_"),
    Token("rubygems-api-key", "RubyGems API key", RubyGems(), "rubygems_"),
    Token("jfrog-reference-token", "JFrog Artifactory reference token", JFrogReference(), "cmVmd", Confidence.Medium),
    Token("clojars-deploy-token", "Clojars deploy token", Clojars(), "CLOJARS_"),
    Token("jfrog-api-key", "JFrog Artifactory API key", JFrog(), "AKCp", Confidence.Medium),
])
{
    public const string Name = "registry";

    private static PatternRule Token(
        string id, string description, Regex pattern, string prefix, Confidence confidence = Confidence.High) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix, confidence);

    [GeneratedRegex("(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])")]
    private static partial Regex Npm();

    /// <summary>A PyPI token is a macaroon whose base64 starts with the encoded location pypi.org or test.pypi.org.</summary>
    [GeneratedRegex("(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])")]
    private static partial Regex PyPi();

    [GeneratedRegex("(?<![A-Za-z0-9_])oy2[a-z0-9]{43}(?![A-Za-z0-9_])")]
    private static partial Regex NuGet();

    [GeneratedRegex("(?<![A-Za-z0-9_-])dckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])")]
    private static partial Regex DockerHub();

    [GeneratedRegex("(?<![A-Za-z0-9_-])dckr_oat_[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex DockerHubOrg();

    [GeneratedRegex("(?<![A-Za-z0-9_-])rubygems_[a-f0-9]{48}(?![A-Za-z0-9_-])")]
    private static partial Regex RubyGems();

    /// <summary>Base64 of <c>ref</c> plus a version byte opens every reference token.</summary>
    [GeneratedRegex("(?<![A-Za-z0-9])cmVmd[A-Za-z0-9]{59}(?![A-Za-z0-9])")]
    private static partial Regex JFrogReference();

    [GeneratedRegex("(?<![A-Za-z0-9_-])CLOJARS_[a-z0-9]{60}(?![A-Za-z0-9_-])")]
    private static partial Regex Clojars();

    [GeneratedRegex("(?<![A-Za-z0-9])AKCp[A-Za-z0-9]{69}(?![A-Za-z0-9])")]
    private static partial Regex JFrog();
}
