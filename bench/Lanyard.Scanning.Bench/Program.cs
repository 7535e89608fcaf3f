using Lanyard.Scanning;
using Lanyard.Scanning.Reporting;
using Lanyard.Scanning.Tests.Corpus;

// corpus DIR [SEED] writes the labeled corpus (files/, truth.jsonl, negatives.jsonl) under DIR
// scan DIR OUT.json scans DIR with every rule and writes the JSON report
if (args is ["corpus", var folder, ..] && args.Length <= 3)
{
    CorpusGenerator.Write(folder, args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1207);
    Console.WriteLine($"corpus written to {folder}");
    return 0;
}

if (args is ["scan", var path, var output])
{
    var result = await new SecretScanner().RunAsync(new ScanRequest { Paths = [path] });
    await using (var stream = File.Create(output))
    {
        JsonReportWriter.Write(stream, result);
    }

    Console.WriteLine($"{result.Findings.Count} findings in {result.FilesScanned} files");
    return 0;
}

await Console.Error.WriteLineAsync("usage: Lanyard.Scanning.Bench corpus DIR [SEED] | scan DIR OUT.json");
return 2;
