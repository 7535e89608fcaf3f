namespace Lanyard.Scanning.Detection;

/// <summary>
/// A multi-line construct a detector has started reading (a PEM block, a PuTTY key, a Kubernetes
/// <c>data:</c> map). While any block is pending the file scanner feeds it every following line,
/// past the keyword prefilter.
/// </summary>
internal interface IPendingBlock
{
    /// <summary>Feeds the next line; returns true when the block is complete and can be dropped.</summary>
    bool Feed(string line, int lineNumber, FileState file);

    /// <summary>The file ended (or the block grew past its limit) before the block completed.</summary>
    void Abandon(FileState file);
}
