namespace Lanyard.EndToEnd.Tests;

/// <summary>
/// Finds the shared real-format cases: <c>LANYARD_CASES</c>, or <c>shared/cases</c> beside the
/// repository. Tests that need them fail when they are missing; they are never skipped.
/// </summary>
public static class CasesFolder
{
    public static string Inventory => Path.Combine(Root, "inventory");

    public static string Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("LANYARD_CASES") is { Length: > 0 } configured)
            {
                return configured;
            }

            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Lanyard.slnx")))
                {
                    var cases = Path.Combine(folder.FullName, "..", "shared", "cases");
                    return Directory.Exists(cases)
                        ? Path.GetFullPath(cases)
                        : throw new DirectoryNotFoundException($"The shared cases are not at {cases}; set LANYARD_CASES.");
                }
            }

            throw new DirectoryNotFoundException("Could not find the repository root (Lanyard.slnx) above the test binaries.");
        }
    }
}
