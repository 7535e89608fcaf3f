namespace Lanyard.Scanning.Detection;

/// <summary>What the detectors know about the file being scanned: its format, pending blocks, candidates.</summary>
internal sealed class FileState
{
    /// <summary>How deep decoded values are scanned again (base64 in base64 ...); keeps work bounded.</summary>
    public const int MaxDecodeDepth = 2;

    private readonly List<IPendingBlock> pendingBlocks = [];

    public FileState(string path, DetectionEngine engine, FileFormat? format = null)
    {
        Path = path;
        Engine = engine;
        Format = format ?? FileFormats.FromPath(path);
    }

    public string Path { get; }

    public FileFormat Format { get; }

    public DetectionEngine Engine { get; }

    public List<SecretCandidate> Candidates { get; } = [];

    public int DecodeDepth { get; set; }

    public bool HasPendingBlocks => pendingBlocks.Count > 0;

    public void BeginBlock(IPendingBlock block) => pendingBlocks.Add(block);

    /// <summary>Feeds a line to every pending block, dropping the ones that complete.</summary>
    public void FeedPendingBlocks(string line, int lineNumber)
    {
        for (var i = pendingBlocks.Count - 1; i >= 0; i--)
        {
            var block = pendingBlocks[i];
            if (block.Feed(line, lineNumber, this))
            {
                pendingBlocks.Remove(block);
            }
        }
    }

    public void AbandonPendingBlocks()
    {
        foreach (var block in pendingBlocks)
        {
            block.Abandon(this);
        }

        pendingBlocks.Clear();
    }
}
