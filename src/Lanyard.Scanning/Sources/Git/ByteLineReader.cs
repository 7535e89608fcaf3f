using System.Text;

namespace Lanyard.Scanning.Sources.Git;

/// <summary>
/// Reads git's output line by line as bytes through one fixed buffer. Header lines become strings (cut
/// at a length no real header reaches); content lines are copied out piecewise, so a minified file of
/// one 2 GB line passes through without ever being held whole.
/// </summary>
internal sealed class ByteLineReader(Stream input)
{
    private const int MaxHeaderLine = 16 * 1024;

    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool endOfInput;

    /// <summary>The byte at <paramref name="offset"/> from the current position, or -1 past the end.</summary>
    public int Peek(int offset = 0)
    {
        return Fill(offset + 1) ? buffer[start + offset] : -1;
    }

    public bool AtEnd => !Fill(1);

    public void Skip(int count)
    {
        Fill(count);
        start += Math.Min(count, end - start);
    }

    /// <summary>The rest of the current line as UTF-8 text, without its newline; null at the end.</summary>
    public string? ReadLine()
    {
        if (AtEnd)
        {
            return null;
        }

        var bytes = new List<byte>();
        while (true)
        {
            var available = buffer.AsSpan(start, end - start);
            var newline = available.IndexOf((byte)'\n');
            var take = newline < 0 ? available : available[..newline];
            if (bytes.Count < MaxHeaderLine)
            {
                bytes.AddRange(take[..Math.Min(take.Length, MaxHeaderLine - bytes.Count)]);
            }

            start += newline < 0 ? take.Length : newline + 1;
            if (newline >= 0 || !Fill(1))
            {
                break;
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Skips the rest of the current line and its newline.</summary>
    public void SkipLine()
    {
        while (Fill(1))
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start += newline + 1;
                return;
            }

            start = end;
        }
    }

    /// <summary>
    /// Copies the current line into <paramref name="destination"/> up to and including its newline.
    /// Returns the bytes copied; <paramref name="lineEnded"/> tells whether the newline was reached.
    /// </summary>
    public int CopyLine(Span<byte> destination, out bool lineEnded)
    {
        lineEnded = false;
        if (!Fill(1))
        {
            lineEnded = true;
            return 0;
        }

        var available = buffer.AsSpan(start, end - start);
        var newline = available.IndexOf((byte)'\n');
        var length = newline < 0 ? available.Length : newline + 1;
        length = Math.Min(length, destination.Length);
        available[..length].CopyTo(destination);
        start += length;
        lineEnded = newline >= 0 && length == newline + 1;
        return length;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the input ends first.</summary>
    private bool Fill(int count)
    {
        if (end - start >= count)
        {
            return true;
        }

        if (start > 0)
        {
            Array.Copy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        while (!endOfInput && end < count)
        {
            var read = input.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                endOfInput = true;
            }

            end += read;
        }

        return end - start >= count;
    }
}
