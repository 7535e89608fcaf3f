using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Lanyard.Scanning.Sources.Git;

/// <summary>
/// One run of the <c>git</c> program whose standard output is read as a stream. The repository being
/// scanned is untrusted, so nothing it configures may run code or change the output format: external
/// diff drivers, textconv filters, signature checks, colour and path prefixes are switched off on the
/// command line, which takes precedence over the repository's own configuration.
/// </summary>
internal sealed class GitProcess : IDisposable
{
    private const int MaxErrorChars = 4000;

    private static readonly string[] SafetyOptions =
    [
        "-c", "core.quotePath=true",
        "-c", "core.fsmonitor=false",
        "-c", "color.ui=never",
        "-c", "log.showSignature=false",
        "-c", "diff.noprefix=false",
        "-c", "diff.mnemonicPrefix=false",
        "-c", "diff.relative=false",
        "--no-pager",
    ];

    private readonly Process process;
    private readonly StringBuilder errors = new();

    private GitProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is { Length: > 0 } line && errors.Length < MaxErrorChars)
                {
                    errors.Append(errors.Length == 0 ? string.Empty : " ").Append(line);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public Stream Output => process.StandardOutput.BaseStream;

    /// <summary>What git wrote to standard error, joined on one line.</summary>
    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Starts git in <paramref name="repository"/>; null with a warning when git cannot be started.</summary>
    public static GitProcess? Start(string repository, IEnumerable<string> arguments, Action<ScanWarning> warn)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        foreach (var argument in SafetyOptions.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        try
        {
            return Process.Start(start) is { } process ? new GitProcess(process) : null;
        }
        catch (Win32Exception e)
        {
            warn(new ScanWarning(repository, $"The git program could not be started ({e.Message}); is git installed?"));
            return null;
        }
    }

    /// <summary>Waits for git to finish after its output was read to the end; returns the exit code.</summary>
    public int WaitForExit()
    {
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            // The scan stopped early (cancelled or failed): git must not linger writing into a closed pipe.
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
