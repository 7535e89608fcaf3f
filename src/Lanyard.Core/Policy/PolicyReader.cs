using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lanyard.Core.Policy;

/// <summary>
/// Reads an environment's policy file strictly: an unknown key, a value of the wrong type, an
/// impossible value or a contradiction is an error naming its line and column, and every error
/// in the file is reported at once. Nothing is read leniently or silently ignored.
/// </summary>
public static partial class PolicyReader
{
    /// <summary>The longest policy file read, in characters.</summary>
    public const int MaxLength = 256 * 1024;

    private static readonly string[] RootKeys =
    [
        "environment", "credentials", "stale-after", "renewal-window", "rotate-after", "overlap",
        "signing-key-rotation", "owner-required", "identities",
    ];

    private static readonly string[] KindKeys = ["allowed", "max-lifetime", "default-lifetime", "rotate-after", "overlap"];
    private static readonly string[] IdentityKeys = ["match", "spiffe-paths", "dns-names", "scopes"];

    public static PolicyReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return Failed(new PolicyError(1, 1, $"the policy file is longer than {MaxLength / 1024} KiB"));
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return Failed(new PolicyError((int)e.Start.Line, (int)e.Start.Column, "invalid YAML: " + YamlMessage(e)));
        }

        if (stream.Documents.Count == 0)
        {
            return Failed(new PolicyError(1, 1, "the policy file is empty; it needs at least 'environment'"));
        }

        if (stream.Documents.Count > 1)
        {
            var start = stream.Documents[1].RootNode.Start;
            return Failed(new PolicyError((int)start.Line, (int)start.Column, "only one YAML document is allowed"));
        }

        var reader = new Reader();
        var policy = reader.Root(stream.Documents[0].RootNode);
        var errors = reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new PolicyReadResult(errors.Count == 0 ? policy : null, errors);
    }

    private static PolicyReadResult Failed(PolicyError error) => new(null, [error]);

    private static string YamlMessage(YamlException e)
    {
        // YamlDotNet prefixes its messages with the marks, which the error carries already.
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return (colon >= 0 ? message[(colon + 3)..] : message).TrimEnd('.');
    }
}
