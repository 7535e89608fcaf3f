using System.Globalization;
using System.Runtime.InteropServices;
using Lanyard.Cli.Http;

namespace Lanyard.Cli.Agent;

/// <summary>
/// Sends a POSIX signal to the process that uses the files after each renewal, as spiffe-helper
/// does: nginx and HAProxy reload on SIGHUP, Envoy's hot restarter and many Go services on SIGUSR1.
/// The target comes from <c>--pid</c>, or from <c>--pid-file</c> read afresh before every signal so
/// a restarted service is still found.
/// </summary>
internal sealed partial class ProcessSignal
{
    private readonly int _number;
    private readonly int? _pid;
    private readonly string? _pidFile;

    private ProcessSignal(string name, int number, int? pid, string? pidFile)
    {
        Name = name;
        _number = number;
        _pid = pid;
        _pidFile = pidFile;
    }

    /// <summary>The signal's name with the SIG prefix, such as SIGHUP.</summary>
    public string Name { get; }

    /// <summary>Checks the options together; null when no signal was asked for.</summary>
    public static ProcessSignal? From(string? signal, int? pid, string? pidFile)
    {
        if (signal is null)
        {
            return pid is null && pidFile is null
                ? null
                : throw new CliException("--pid and --pid-file name the process for --signal; give --signal too.", ExitCodes.BadInput);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new CliException("--signal needs a POSIX system.", ExitCodes.BadInput);
        }

        if ((pid is null) == (pidFile is null))
        {
            throw new CliException("--signal needs exactly one of --pid PID or --pid-file FILE.", ExitCodes.BadInput);
        }

        if (pid is <= 1)
        {
            throw new CliException($"--pid {pid} is not a process Lanyard will signal; give the service's process id.", ExitCodes.BadInput);
        }

        var name = signal.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name : "SIG" + name;
        var number = Number(name)
                     ?? throw new CliException($"--signal {signal}: use one of SIGHUP, SIGINT, SIGQUIT, SIGTERM, "
                         + "SIGUSR1, SIGUSR2, SIGWINCH.",
                         ExitCodes.BadInput);
        return new ProcessSignal(name, number, pid, pidFile);
    }

    /// <summary>Signals the process; a failure is returned as a message for the log, never thrown, so renewal goes on.</summary>
    public string? Send()
    {
        int pid;
        if (_pid is { } fixedPid)
        {
            pid = fixedPid;
        }
        else
        {
            string text;
            try
            {
                text = File.ReadAllText(_pidFile!).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"--pid-file {_pidFile}: can't be read ({e.Message}); no {Name} sent";
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pid) || pid <= 1)
            {
                return $"--pid-file {_pidFile}: '{(text.Length > 20 ? text[..20] + "…" : text)}' is not a process id; no {Name} sent";
            }
        }

        return Kill(pid, _number) == 0 ? null
            : $"{Name} to process {pid} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
    }

    private static int? Number(string name) => name switch
    {
        "SIGHUP" => 1,
        "SIGINT" => 2,
        "SIGQUIT" => 3,
        "SIGTERM" => 15,
        "SIGWINCH" => 28,
        "SIGUSR1" => OperatingSystem.IsLinux() ? 10 : 30,
        "SIGUSR2" => OperatingSystem.IsLinux() ? 12 : 31,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int pid, int signal);
}
