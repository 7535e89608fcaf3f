using System.Diagnostics;

namespace Lanyard.Scanning.Tests.Sources;

/// <summary>
/// A real git repository in a temporary folder, driven with the git program. Author and committer
/// times are set per commit so history order and reported times are exact.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    private long clock = 1_767_225_600; // 2026-01-01T00:00:00Z

    public GitRepository()
    {
        Folder = Directory.CreateTempSubdirectory("lanyard-git-").FullName;
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Ada Lovelace");
        Git("config", "user.email", "ada@example.com");
        Git("config", "commit.gpgsign", "false");
    }

    public string Folder { get; }

    /// <summary>The author time the next commit gets; each commit moves it on by an hour.</summary>
    public DateTimeOffset NextTime => DateTimeOffset.FromUnixTimeSeconds(clock);

    public void Write(string path, string content)
    {
        var full = Path.Combine(Folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Delete(string path) => File.Delete(Path.Combine(Folder, path));

    /// <summary>Stages everything and commits; returns the full commit id.</summary>
    public string Commit(string message, string? author = null)
    {
        Git("add", "-A");
        var arguments = new List<string> { "commit", "-q", "-m", message };
        if (author is not null)
        {
            arguments.AddRange(["--author", author]);
        }

        Git([.. arguments]);
        return Head();
    }

    public string Head() => Git("rev-parse", "HEAD").Trim();

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var time = $"@{clock} +0000";
        start.Environment["GIT_AUTHOR_DATE"] = time;
        start.Environment["GIT_COMMITTER_DATE"] = time;
        if (arguments is ["commit", ..] or ["merge", ..])
        {
            clock += 3600;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && arguments is not ["merge", ..])
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {errors}");
        }

        return output;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
