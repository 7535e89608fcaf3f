using Lanyard.Core.Discovery;

namespace Lanyard.Core.Posture;

/// <summary>One place a hardcoded secret was reported: what was scanned, where in it, by which rule, and when.</summary>
public sealed record SecretLocation(
    string Source,
    string Path,
    int Line,
    int Column,
    string? Commit,
    DateTimeOffset? CommitTime,
    string? Layer,
    string RuleId,
    string Kind,
    SightingConfidence Confidence,
    DateTimeOffset FirstReportedAt,
    DateTimeOffset LastReportedAt)
{
    public static SecretLocation From(SecretSighting sighting)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        return new SecretLocation(sighting.Source, sighting.Path, sighting.Line, sighting.Column, sighting.Commit,
            sighting.CommitTime, sighting.Layer, sighting.RuleId, sighting.Kind, sighting.Confidence,
            sighting.FirstReportedAt, sighting.LastReportedAt);
    }

    /// <summary><c>source path:line</c>, and the commit or layer when there is one.</summary>
    public override string ToString()
    {
        var place = $"{Source} {Path}:{Line}";
        if (Commit is { } commit)
        {
            return $"{place} (commit {commit[..Math.Min(12, commit.Length)]})";
        }

        return Layer is { } layer ? $"{place} (layer {Short(layer)})" : place;
    }

    private static string Short(string layer)
    {
        var colon = layer.IndexOf(':', StringComparison.Ordinal);
        return layer.Length - colon - 1 > 12 ? layer[..(colon + 13)] : layer;
    }
}
