namespace Lanyard.Scanning.Tests.Rules;

/// <summary>Puts a value into one of several realistic file contexts, chosen in turn so every format gets used.</summary>
internal sealed class RuleCaseBuilder
{
    private int turn;

    public List<RuleCase> Cases { get; } = [];

    /// <summary>A provider token: positive in context, negative the same shape written as a placeholder.</summary>
    public void Token(string ruleId, string token, int prefixLength)
    {
        var name = ruleId.ToUpperInvariant().Replace('-', '_');
        var (path, text) = InContext(name, token);
        var (negativePath, negativeText) = InContext(name, TestTokens.Placeholder(token, prefixLength));
        Cases.Add(new RuleCase(ruleId, path, text, token, negativePath, negativeText, "placeholder"));
    }

    /// <summary>A token whose negative is chosen by the caller (wrong checksum, documented example, ...).</summary>
    public void Token(string ruleId, string token, string negative, string reason)
    {
        var name = ruleId.ToUpperInvariant().Replace('-', '_');
        var (path, text) = InContext(name, token);
        var (negativePath, negativeText) = InContext(name, negative);
        Cases.Add(new RuleCase(ruleId, path, text, token, negativePath, negativeText, reason));
    }

    /// <summary>A value assigned to a name; the negative is a given line in a given file.</summary>
    public void Assigned(string ruleId, string name, string secret, string negativeName, string negative, string reason)
    {
        var (path, text) = InContext(name, secret);
        var (negativePath, negativeText) = InContext(negativeName, negative);
        Cases.Add(new RuleCase(ruleId, path, text, secret, negativePath, negativeText, reason));
    }

    public void File(string ruleId, string path, string text, string secret, string negativePath, string negative, string reason) =>
        Cases.Add(new RuleCase(ruleId, path, text, secret, negativePath, negative, reason));

    private (string Path, string Text) InContext(string name, string value)
    {
        var lower = name.ToLowerInvariant();
        var camel = string.Concat(lower.Split('_').Select((w, i) => i == 0 || w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return (turn++ % 7) switch
        {
            0 => ("deploy/.env.production", $"# production settings\nAPP_ENV=production\n{name}={value}\nLOG_LEVEL=info\n"),
            1 => ("k8s/worker-deployment.yaml",
                $"apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
                + $"        - name: worker\n          env:\n            - name: {name}\n              value: \"{value}\"\n"),
            2 => ("config/settings.json", $"{{\n  \"service\": \"billing\",\n  \"{camel}\": \"{value}\",\n  \"retries\": 3\n}}\n"),
            3 => ("app/clients.py", $"import requests\n\n{name} = \"{value}\"\n\n\ndef client():\n    return requests.Session()\n"),
            4 => ("scripts/release.sh", $"#!/usr/bin/env bash\nset -euo pipefail\nexport {name}='{value}'\n./publish --all\n"),
            5 => ("src/Config.cs", $"namespace Billing;\n\npublic static class Config\n{{\n    public const string {camel.ToUpperInvariant()[..1] + camel[1..]} = \"{value}\";\n}}\n"),
            _ => ("infra/main.tf", $"resource \"null_resource\" \"hook\" {{\n  triggers = {{\n    {lower} = \"{value}\"\n  }}\n}}\n"),
        };
    }
}
