namespace Lanyard.Discovery;

/// <summary>
/// One export handed to an importer: its name (used in error messages, and by formats that carry
/// part of their meaning in the name) and a way to read its content, possibly more than once.
/// </summary>
public sealed class ExportFile
{
    private readonly Func<Stream> _open;

    /// <param name="name">The file's name or relative path, as the user would recognise it.</param>
    /// <param name="open">Opens a fresh stream over the content each time it is called.</param>
    public ExportFile(string name, Func<Stream> open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);

        Name = name;
        _open = open;
    }

    public string Name { get; }

    /// <summary>A new stream positioned at the start of the content; the caller disposes it.</summary>
    public Stream Open() => _open();

    public static ExportFile FromBytes(string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ExportFile(name, () => new MemoryStream(content, writable: false));
    }

    /// <summary>A file on disk, named by <paramref name="name"/> or else by its path.</summary>
    public static ExportFile FromPath(string path, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ExportFile(name ?? path, () => File.OpenRead(path));
    }
}
