namespace Lanyard.Scanning.Sources.Git;

/// <summary>One file's diff: the commit it belongs to (none for the index), its new path, its added lines.</summary>
internal sealed record PatchFile(GitCommit? Commit, string Path, AddedLinesStream AddedLines);
