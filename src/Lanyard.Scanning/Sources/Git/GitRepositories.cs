namespace Lanyard.Scanning.Sources.Git;

/// <summary>Checks, before a history or index scan starts, that a folder is inside a git repository.</summary>
public static class GitRepositories
{
    /// <summary>Why <paramref name="folder"/> cannot be scanned as a repository, or null when it can.</summary>
    public static string? Refusal(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return $"{folder}: a repository is a folder, and this is not one.";
        }

        string? reason = null;
        using var git = GitProcess.Start(folder, ["rev-parse", "--git-dir"], warning => reason = warning.Message);
        if (git is null)
        {
            return reason ?? "The git program could not be started; is git installed?";
        }

        git.Output.CopyTo(Stream.Null);
        return git.WaitForExit() == 0
            ? null
            : $"{folder} is not inside a git repository ({(git.Errors.Length > 0 ? git.Errors.Trim() : "git rev-parse failed")}).";
    }
}
