using System.Diagnostics;

namespace Lanyard.Cli.Tests;

/// <summary>Runs the real <c>lanyard</c> command in a folder, with optional standard input.</summary>
internal static class LanyardCli
{
    public static async Task<CliRun> RunAsync(string workingDirectory, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lanyard.dll"));
        info.Environment.Remove("LANYARD_TOKEN");
        info.Environment.Remove("LANYARD_ADDR");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
