namespace Lanyard.Scanning.Sources.Images;

/// <summary>A layer inflates far beyond any real filesystem: reading stops there.</summary>
internal sealed class DecompressionBombException : IOException
{
    public DecompressionBombException()
    {
    }

    public DecompressionBombException(string message)
        : base(message)
    {
    }

    public DecompressionBombException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
