namespace Lanyard.Scanning.Tests.Cases;

/// <summary>
/// Finds the shared cases folder: <c>LANYARD_CASES</c> if set, else <c>../shared/cases</c> next to the
/// folder holding Lanyard.slnx. A missing corpus fails the test; it is never skipped.
/// </summary>
internal static class CasesLocator
{
    public static string SecretsFolder()
    {
        var cases = Environment.GetEnvironmentVariable("LANYARD_CASES");
        if (string.IsNullOrEmpty(cases))
        {
            var repository = FindRepositoryRoot()
                ?? throw new InvalidOperationException("Lanyard.slnx not found above " + AppContext.BaseDirectory);
            cases = Path.Combine(repository, "..", "shared", "cases");
        }

        var secrets = Path.GetFullPath(Path.Combine(cases, "secrets"));
        Assert.True(Directory.Exists(Path.Combine(secrets, "files")),
            $"The secret-scanning cases are missing at {secrets}; set LANYARD_CASES to the shared/cases folder.");
        return secrets;
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lanyard.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
