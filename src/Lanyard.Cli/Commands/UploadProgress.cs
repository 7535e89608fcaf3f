using System.Text.Json.Nodes;
using Spectre.Console;

namespace Lanyard.Cli.Commands;

/// <summary>Shows a progress bar on the terminal while an upload runs; silent when output is redirected.</summary>
internal sealed class UploadProgress
{
    private long _sent;

    public void Add(int bytes) => Interlocked.Add(ref _sent, bytes);

    public async Task<JsonNode?> RunAsync(string description, long total, Func<Task<JsonNode?>> upload)
    {
        if (Console.IsErrorRedirected || total < 1 << 20)
        {
            return await upload();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(description, maxValue: total);
            var running = upload();
            while (!running.IsCompleted)
            {
                task.Value = Interlocked.Read(ref _sent);
                task.Description = task.Value >= total ? "Importing on the server" : description;
                await Task.WhenAny(running, Task.Delay(100));
            }

            task.Value = total;
            return await running;
        });
    }
}
