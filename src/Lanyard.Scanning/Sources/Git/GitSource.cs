namespace Lanyard.Scanning.Sources.Git;

/// <summary>
/// Scans what git records: every commit reachable from any ref (<see cref="ScanHistory"/>) or the content
/// staged in the index (<see cref="ScanStaged"/>).
/// <para>
/// Design. History is read as one stream of patches from <c>git log --all --reverse -p -U0</c>, and only
/// the lines each commit adds are scanned. Every line that ever existed was added by exactly one commit,
/// so each byte of history is scanned once, whereas scanning each unique blob whole would scan a file
/// again for every revision of it (a 1,000-line file edited 500 times: 500 lines of patches against
/// 500,000 lines of blobs). Patches also say which commit introduced a line, which blobs do not without
/// a second walk. Git does the diffing in its own process while this one scans, so the two cores work
/// side by side, and nothing is held beyond one buffer: a commit adding a 2 GB file streams through.
/// </para>
/// <para>
/// Order and deduplication. Commits come oldest first in author-time order that never puts a commit
/// before its parents, so the first sighting of a secret is the commit that introduced it. A secret is
/// reported once per repository, keyed by its fingerprint, with that commit, its author time and author,
/// and the path and line where it appeared: the credential is what needs rotating, and the same key
/// copied to another file, re-added after a revert or cherry-picked to another branch is still the same
/// exposure. Merges are read as combined diffs, so lines that a merge itself introduces (a conflict
/// resolution) are scanned too; lines a merge brings in from a branch were scanned in that branch's commits.
/// </para>
/// <para>
/// Limits. Git shows no lines for what it deems binary (including UTF-16 files), so those are not
/// scanned; a secret split across two hunks of one change is seen only if its lines are adjacent.
/// </para>
/// </summary>
internal sealed class GitSource(ScanSession session)
{
    private static readonly string[] DiffOptions =
    [
        "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--find-renames", "--src-prefix=a/",
        "--dst-prefix=b/", "--no-relative", "--submodule=short",
    ];

    public void ScanHistory(string repository, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "log", "--all", "--reverse", "--author-date-order", "-p", "--cc", "--no-mailmap", PatchParser.CommitFormat,
            .. DiffOptions,
        ];
        var reported = new HashSet<string>(StringComparer.Ordinal);
        Run(repository, arguments, "history", finding => reported.Add(finding.Fingerprint), cancellationToken);
    }

    /// <summary>The lines <c>git commit</c> would add now, at their line numbers in the staged files.</summary>
    public void ScanStaged(string repository, CancellationToken cancellationToken) =>
        Run(repository, ["diff", "--cached", .. DiffOptions], "index", _ => true, cancellationToken);

    private void Run(
        string repository, string[] arguments, string what, Func<SecretFinding, bool> isNew, CancellationToken token)
    {
        if (!Directory.Exists(repository))
        {
            session.Warn(new ScanWarning(repository, "The repository folder does not exist."));
            return;
        }

        using var git = GitProcess.Start(repository, arguments, session.Warn);
        if (git is null)
        {
            return;
        }

        try
        {
            ScanPatches(git, isNew, token);
        }
        catch (IOException e)
        {
            session.Warn(new ScanWarning(repository, $"Reading the git {what} failed: {e.Message}"));
        }

        token.ThrowIfCancellationRequested();
        if (git.WaitForExit() != 0)
        {
            var detail = git.Errors.Length > 0 ? git.Errors : "git gave no reason";
            session.Warn(new ScanWarning(repository, $"The git {what} could not be read completely: {detail}"));
        }
    }

    private void ScanPatches(GitProcess git, Func<SecretFinding, bool> isNew, CancellationToken token)
    {
        foreach (var file in new PatchParser(git.Output).Files())
        {
            token.ThrowIfCancellationRequested();
            var added = file.AddedLines;
            foreach (var finding in session.Inspect(added, file.Path, token))
            {
                if (!isNew(finding))
                {
                    continue;
                }

                session.Publish(finding with
                {
                    Line = added.FileLine(finding.Line),
                    EndLine = added.FileLine(finding.EndLine),
                    PairedLine = finding.PairedLine is { } paired ? added.FileLine(paired) : null,
                    Commit = file.Commit?.Id,
                    CommitTime = file.Commit?.AuthorTime,
                    Author = file.Commit?.Author,
                });
            }
        }
    }
}
