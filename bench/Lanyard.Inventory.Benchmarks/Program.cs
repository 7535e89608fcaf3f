using System.CommandLine;

using Lanyard.Inventory.Benchmarks;

var databases = new Option<string[]>("--database")
{
    Description = "The databases to measure: sqlite, postgres, or both",
    DefaultValueFactory = _ => ["sqlite", "postgres"],
    AllowMultipleArgumentsPerToken = true,
};
var measures = new Option<string[]>("--measure")
{
    Description = "What to measure: import, posture, or both",
    DefaultValueFactory = _ => ["import", "posture"],
    AllowMultipleArgumentsPerToken = true,
};
var postgres = new Option<string?>("--postgres")
{
    Description = "Connection string of a PostgreSQL server the benchmark may create databases on "
                  + "(default: LANYARD_TEST_POSTGRES)",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LANYARD_TEST_POSTGRES"),
};
var reportRows = new Option<int>("--report-rows")
{
    Description = "Rows of the generated IAM credential report, the root row included",
    DefaultValueFactory = _ => 100_000,
};
var credentials = new Option<int>("--credentials")
{
    Description = "Credentials in the inventory that posture is computed over",
    DefaultValueFactory = _ => 1_000_000,
};
var runs = new Option<int>("--runs")
{
    Description = "Timed runs of each measurement, after one warm-up run; the median is reported",
    DefaultValueFactory = _ => 3,
};
var work = new Option<DirectoryInfo?>("--work")
{
    Description = "Folder for the generated exports and the SQLite files (default: a new temporary folder)",
};

var root = new RootCommand("Times the inventory's AWS import and posture on SQLite and PostgreSQL")
{
    databases, measures, postgres, reportRows, credentials, runs, work,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new BenchSettings(
        Names(parse.GetValue(databases)!).ToList(),
        Names(parse.GetValue(measures)!).ToHashSet(StringComparer.OrdinalIgnoreCase),
        parse.GetValue(postgres),
        parse.GetValue(reportRows),
        parse.GetValue(credentials),
        parse.GetValue(runs),
        parse.GetValue(work));
    return await BenchRunner.RunAsync(settings, cancellationToken);
});

return await root.Parse(args).InvokeAsync();

// "sqlite,postgres" and "sqlite postgres" both name two.
static IEnumerable<string> Names(string[] values) =>
    values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
