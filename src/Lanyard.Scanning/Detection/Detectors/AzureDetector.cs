using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Azure storage account keys and SAS signatures, Service Bus and Event Hubs shared access keys,
/// Entra ID client secrets and Azure DevOps personal access tokens.
/// </summary>
internal sealed partial class AzureDetector() : PatternDetector(Name,
[
    Token("azure-storage-account-key", "Azure storage account key", AccountKey(), "AccountKey="),
    Token("azure-sas-signature", "Azure shared access signature", SasSignature(), "sig=", Confidence.Medium),
    Token("azure-shared-access-key", "Azure Service Bus or Event Hubs shared access key", SharedAccessKey(),
        "SharedAccessKey="),
    Token("azure-entra-client-secret", "Microsoft Entra ID application client secret", ClientSecret(), "Q~",
        Confidence.Medium),
    Token("azure-devops-pat", "Azure DevOps personal access token", DevOpsPat(), "AZDO"),
])
{
    public const string Name = "azure";

    private static PatternRule Token(
        string id, string description, Regex pattern, string keyword, Confidence confidence = Confidence.High) =>
        new(new SecretRule(id, id, description, Name), pattern, keyword, confidence, KeywordIgnoresCase: true);

    [GeneratedRegex("(?i:AccountKey)=(?<s>[A-Za-z0-9+/]{86}==)")]
    private static partial Regex AccountKey();

    /// <summary>A <c>sig=</c> parameter counts only next to the other SAS parameters (<c>sv=</c>, <c>se=</c>).</summary>
    [GeneratedRegex("(?:[?&;=\"'\\s]|^)sv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\\s\"']*?(?<=[?&])sig=(?<s>[A-Za-z0-9%+/=]{40,120})")]
    private static partial Regex SasSignature();

    [GeneratedRegex("(?i:SharedAccessKey)=(?<s>[A-Za-z0-9+/]{42,44}=)")]
    private static partial Regex SharedAccessKey();

    [GeneratedRegex("(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])")]
    private static partial Regex ClientSecret();

    [GeneratedRegex("(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ9(?:9|D|H)[A-Za-z0-9][A-C][A-Za-z0-9]{3}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])")]
    private static partial Regex DevOpsPat();
}
