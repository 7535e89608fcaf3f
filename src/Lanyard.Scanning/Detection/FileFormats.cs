namespace Lanyard.Scanning.Detection;

/// <summary>Maps a file name to its <see cref="FileFormat"/>.</summary>
internal static class FileFormats
{
    private static readonly Dictionary<string, FileFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".env"] = FileFormat.Env,
        [".yml"] = FileFormat.Yaml,
        [".yaml"] = FileFormat.Yaml,
        [".properties"] = FileFormat.Config,
        [".ini"] = FileFormat.Config,
        [".cfg"] = FileFormat.Config,
        [".conf"] = FileFormat.Config,
        [".toml"] = FileFormat.Config,
        [".npmrc"] = FileFormat.Config,
        [".pypirc"] = FileFormat.Config,
        [".netrc"] = FileFormat.Config,
        [".gitconfig"] = FileFormat.Config,
        [".sh"] = FileFormat.Shell,
        [".bash"] = FileFormat.Shell,
        [".zsh"] = FileFormat.Shell,
        [".ps1"] = FileFormat.Shell,
        [".bat"] = FileFormat.Shell,
        [".cmd"] = FileFormat.Shell,
        [".json"] = FileFormat.Json,
        [".ipynb"] = FileFormat.Json,
        [".xml"] = FileFormat.Xml,
        [".config"] = FileFormat.Xml,
        [".csproj"] = FileFormat.Xml,
        [".props"] = FileFormat.Xml,
        [".py"] = FileFormat.Code,
        [".js"] = FileFormat.Code,
        [".mjs"] = FileFormat.Code,
        [".cjs"] = FileFormat.Code,
        [".ts"] = FileFormat.Code,
        [".tsx"] = FileFormat.Code,
        [".jsx"] = FileFormat.Code,
        [".java"] = FileFormat.Code,
        [".kt"] = FileFormat.Code,
        [".scala"] = FileFormat.Code,
        [".cs"] = FileFormat.Code,
        [".go"] = FileFormat.Code,
        [".rb"] = FileFormat.Code,
        [".php"] = FileFormat.Code,
        [".rs"] = FileFormat.Code,
        [".swift"] = FileFormat.Code,
        [".c"] = FileFormat.Code,
        [".h"] = FileFormat.Code,
        [".cpp"] = FileFormat.Code,
        [".tf"] = FileFormat.Code,
        [".tfvars"] = FileFormat.Code,
        [".hcl"] = FileFormat.Code,
    };

    public static FileFormat FromPath(string path)
    {
        var name = Path.GetFileName(path.AsSpan());
        if (name.StartsWith(".env", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.Env;
        }

        if (name.StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.Shell;
        }

        var extension = Path.GetExtension(name);
        if (extension.IsEmpty)
        {
            return FileFormat.Text;
        }

        var lookup = ByExtension.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(extension, out var format) ? format : FileFormat.Text;
    }

    /// <summary>Whether an unquoted value can be a literal rather than an expression.</summary>
    public static bool AllowsUnquotedLiterals(FileFormat format) =>
        format is not (FileFormat.Code or FileFormat.Json or FileFormat.Xml);
}
