using System.Diagnostics;

namespace Lanyard.EndToEnd.Tests;

/// <summary>A program the tests drive unchanged (certbot, lego), found on PATH; a missing one fails the test with how to install it.</summary>
internal static class ExternalTool
{
    public static string Find(string name, string debianPackage)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            $"{name} is not on PATH. The ACME end-to-end tests drive the real client: run scripts/install-test-deps.sh "
            + $"(or apt-get install {debianPackage}) and try again.");
    }

    /// <summary>Runs the tool to completion and returns its exit code and output.</summary>
    public static async Task<CliRun> RunAsync(string path, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
