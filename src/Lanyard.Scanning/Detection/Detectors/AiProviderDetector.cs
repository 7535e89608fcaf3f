using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>AI platform keys: OpenAI, Anthropic, Hugging Face, Groq, Perplexity, Replicate.</summary>
internal sealed partial class AiProviderDetector() : PatternDetector(Name,
[
    Token("openai-api-key", "OpenAI API key", OpenAi(), "T3BlbkFJ"),
    Token("openai-project-key", "OpenAI project or service-account key", OpenAiProject(), "sk-", Confidence.Medium),
    Token("anthropic-api-key", "Anthropic API key", Anthropic(), "sk-ant-"),
    Token("huggingface-token", "Hugging Face access token", HuggingFace(), "hf_"),
    Token("huggingface-org-token", "Hugging Face organization API token", HuggingFaceOrg(), "api_org_"),
    Token("groq-api-key", "Groq API key", Groq(), "gsk_"),
    Token("perplexity-api-key", "Perplexity API key", Perplexity(), "pplx-"),
    Token("replicate-api-token", "Replicate API token", Replicate(), "r8_", Confidence.Medium),
])
{
    public const string Name = "ai";

    private static PatternRule Token(
        string id, string description, Regex pattern, string keyword, Confidence confidence = Confidence.High) =>
        new(new SecretRule(id, Kind(id), description, Name), pattern, keyword, confidence);

    /// <summary>OpenAI project and legacy keys share one kind; the rule id tells the formats apart.</summary>
    private static string Kind(string id) => id == "openai-project-key" ? "openai-api-key" : id;

    /// <summary>Every OpenAI key format so far carries <c>T3BlbkFJ</c>, base64 of "OpenAI", in the middle.</summary>
    [GeneratedRegex("(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}(?![A-Za-z0-9_-])")]
    private static partial Regex OpenAi();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,200}(?![A-Za-z0-9_-])")]
    private static partial Regex OpenAiProject();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,120}AA(?![A-Za-z0-9_-])")]
    private static partial Regex Anthropic();

    [GeneratedRegex("(?<![A-Za-z0-9_-])hf_[A-Za-z]{34}(?![A-Za-z0-9_-])")]
    private static partial Regex HuggingFace();

    [GeneratedRegex("(?<![A-Za-z0-9_-])api_org_[A-Za-z]{34}(?![A-Za-z0-9_-])")]
    private static partial Regex HuggingFaceOrg();

    [GeneratedRegex("(?<![A-Za-z0-9_-])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_-])")]
    private static partial Regex Groq();

    [GeneratedRegex("(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])")]
    private static partial Regex Perplexity();

    [GeneratedRegex("(?<![A-Za-z0-9_-])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_-])")]
    private static partial Regex Replicate();
}
