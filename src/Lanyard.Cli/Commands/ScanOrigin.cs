using System.Diagnostics;
using Lanyard.Scanning;

namespace Lanyard.Cli.Commands;

/// <summary>
/// Names what a reported scan read, so the server's findings say where a secret lives: a repository by its
/// origin remote (the same on every clone and CI runner), anything else by its full path or image file name.
/// </summary>
internal static class ScanOrigin
{
    public static string Describe(ScanSource source, IReadOnlyList<string> paths)
    {
        if (paths is [ScanSettings.StandardInput])
        {
            return ScanSettings.StandardInputName;
        }

        var first = Path.GetFullPath(paths[0]);
        if (source == ScanSource.Image)
        {
            return Path.GetFileName(first.TrimEnd('/'));
        }

        var folder = Directory.Exists(first) ? first : Path.GetDirectoryName(first) ?? first;
        return OriginRemote(folder) ?? first;
    }

    /// <summary>The origin remote's URL without any credentials in it, or null outside a repository.</summary>
    private static string? OriginRemote(string folder)
    {
        try
        {
            var info = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-C", folder, "config", "--get", "remote.origin.url" })
            {
                info.ArgumentList.Add(argument);
            }

            using var git = Process.Start(info);
            if (git is null)
            {
                return null;
            }

            var url = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && url.Length > 0 ? WithoutUserInfo(url) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A remote such as <c>https://user:token@host/repo</c> must not carry its token to the server.</summary>
    private static string WithoutUserInfo(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString().TrimEnd('/')
            : url;
}
