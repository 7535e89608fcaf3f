using System.CommandLine;
using System.Net.Http.Headers;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;
using Spectre.Console;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard import SOURCE FILE... --env ENV</c>: sends the exports to the server, which reads them
/// and merges them into one environment in one transaction. Folders are read recursively.
/// </summary>
internal static class ImportCommand
{
    public static readonly string[] Sources = ["aws", "kubernetes", "gcp", "azure", "github", "ssh"];

    public static Command Create()
    {
        var command = new Command("import", "Import identities and credentials from cloud and platform exports");
        foreach (var source in Sources)
        {
            command.Subcommands.Add(CreateSource(source));
        }

        return command;
    }

    private static Command CreateSource(string source)
    {
        var files = new Argument<string[]>("FILE") { Description = "Export files or folders of them", Arity = ArgumentArity.OneOrMore };
        var env = new Option<string>("--env") { Description = "The environment the exports come from", Required = true };
        var command = new Command(source, $"Import {source} exports") { files, env };
        command.SetServerAction(async (parse, api, ct) =>
        {
            var paths = ExpandFiles(parse.GetValue(files)!);
            using var content = new MultipartFormDataContent();
            var total = 0L;
            var progress = new UploadProgress();
            foreach (var (path, name) in paths)
            {
                var stream = new ProgressStream(File.OpenRead(path), progress);
                total += stream.Length;
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Add(part, "files", name);
            }

            var url = $"/v1/imports/{source}" + CommandActions.Query(("environment", parse.GetValue(env)));
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            var summary = await progress.RunAsync($"Uploading {paths.Count} file(s)", total, () => api.SendAsync(request, ct));
            Printer.Item(summary, parse.Format());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every file named, and every file under every folder named, in a stable order.</summary>
    private static List<(string Path, string Name)> ExpandFiles(IEnumerable<string> arguments)
    {
        var files = new List<(string, string)>();
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                files.Add((argument, argument));
            }
            else if (Directory.Exists(argument))
            {
                files.AddRange(Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(path => (path, path)));
            }
            else
            {
                throw new CliException($"{argument}: no such file or folder.", ExitCodes.BadInput);
            }
        }

        return files.Count > 0 ? files : throw new CliException("The folders named hold no files.", ExitCodes.BadInput);
    }
}
