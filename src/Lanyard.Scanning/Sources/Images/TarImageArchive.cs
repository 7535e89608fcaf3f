using System.Formats.Tar;

namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// An image tar read in two passes without extracting anything: the first lists where each member's data
/// lies (tar headers only; the data is seeked over), the second opens members by offset. The members of a
/// <c>docker save</c> tar come in no fixed order (manifest.json is often last), so one pass cannot do.
/// Links to other members are followed inside the archive only.
/// </summary>
internal sealed class TarImageArchive : ImageArchive
{
    private const int MaxLinkHops = 8;

    private readonly Dictionary<string, (long Offset, long Length)> members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> links = new(StringComparer.Ordinal);
    private readonly long fileLength;

    private TarImageArchive(string path, long fileLength, Action<ScanWarning> warn)
        : base(path, warn)
    {
        this.fileLength = fileLength;
    }

    public static TarImageArchive? Read(string path, Action<ScanWarning> warn)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var archive = new TarImageArchive(path, file.Length, warn);
            archive.List(file);
            return archive;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn(new ScanWarning(path, $"The image file cannot be read: {e.Message}"));
            return null;
        }
    }

    public override bool Contains(string name) => Resolve(name) is not null;

    public override Stream? OpenMember(string name)
    {
        var resolved = Resolve(name);
        if (resolved is null || !members.TryGetValue(resolved, out var member))
        {
            Warn(new ScanWarning(Path + "!/" + name, "The image names a file that is not in the archive."));
            return null;
        }

        var length = member.Length;
        if (member.Offset + member.Length > fileLength)
        {
            Warn(new ScanWarning(Path + "!/" + name,
                $"The archive declares {member.Length} bytes for this member but ends before them; read what is there."));
            length = Math.Max(0, fileLength - member.Offset);
        }

        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return new WindowStream(file, member.Offset, length);
    }

    private void List(FileStream file)
    {
        try
        {
            using var reader = new TarReader(file, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                Add(entry);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            Warn(new ScanWarning(Path, $"The image archive is truncated or corrupt: {e.Message}"));
        }
    }

    private void Add(TarEntry entry)
    {
        var name = MemberName.Normalize(entry.Name, out var escapes);
        if (escapes)
        {
            Warn(new ScanWarning(Path + "!/" + entry.Name, "Archive member path points outside the archive; ignored."));
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                members[name] = (entry.DataOffset, entry.Length);
                break;
            case TarEntryType.SymbolicLink:
                AddLink(name, MemberName.ResolveLink(name, entry.LinkName, out var outside), outside, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                AddLink(name, MemberName.Normalize(entry.LinkName, out var climbs), climbs, entry.LinkName);
                break;
            default:
                break;
        }
    }

    private void AddLink(string name, string target, bool escapes, string written)
    {
        if (escapes)
        {
            Warn(new ScanWarning(Path + "!/" + name, $"Link to '{written}' points outside the archive; not followed."));
            return;
        }

        links[name] = target;
    }

    private string? Resolve(string name)
    {
        var current = MemberName.Normalize(name, out var escapes);
        for (var hop = 0; !escapes && hop <= MaxLinkHops; hop++)
        {
            if (members.ContainsKey(current))
            {
                return current;
            }

            if (!links.TryGetValue(current, out var next))
            {
                return null;
            }

            current = next;
        }

        return null;
    }
}
