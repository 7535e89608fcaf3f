using Lanyard.Cli.Http;

namespace Lanyard.Cli.Commands;

/// <summary>Reads <c>--label KEY=VALUE</c> options.</summary>
internal static class Labels
{
    public static Dictionary<string, string> Parse(string[]? pairs)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new CliException($"--label '{pair}' is not KEY=VALUE.", ExitCodes.BadInput);
            }

            labels[pair[..split]] = pair[(split + 1)..];
        }

        return labels;
    }
}
