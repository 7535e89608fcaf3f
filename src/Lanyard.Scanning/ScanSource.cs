namespace Lanyard.Scanning;

/// <summary>Where a scan reads content from.</summary>
public enum ScanSource
{
    /// <summary>Files and folders on disk, archives opened.</summary>
    Files,

    /// <summary>Every commit on every branch of a git repository (<c>--git</c>).</summary>
    GitHistory,

    /// <summary>The staged content of a git repository's index (<c>--staged</c>), for pre-commit hooks.</summary>
    GitStaged,

    /// <summary>Container images: <c>docker save</c> tarballs and OCI image layouts (<c>--image</c>).</summary>
    Image,
}
