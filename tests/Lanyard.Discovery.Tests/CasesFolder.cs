namespace Lanyard.Discovery.Tests;

/// <summary>
/// Finds the shared test cases: <c>LANYARD_CASES</c> when set, else <c>../shared/cases</c> next to
/// the repository (the folder holding <c>Lanyard.slnx</c>). Missing cases fail the test, never skip it.
/// </summary>
internal static class CasesFolder
{
    public static string Inventory => Path.Combine(Root(), "inventory");

    private static string Root()
    {
        var configured = Environment.GetEnvironmentVariable("LANYARD_CASES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"LANYARD_CASES points to {configured}, which does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lanyard.slnx")))
            {
                var cases = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "cases"));
                return Directory.Exists(cases)
                    ? cases
                    : throw new DirectoryNotFoundException(
                        $"The test cases are not at {cases}; set LANYARD_CASES to the shared/cases folder.");
            }
        }

        throw new DirectoryNotFoundException(
            $"No Lanyard.slnx above {AppContext.BaseDirectory}; set LANYARD_CASES to the shared/cases folder.");
    }
}
