namespace Lanyard.Core.Discovery;

/// <summary>How sure the scanner that reported a hardcoded secret was that it is a live secret.</summary>
public enum SightingConfidence
{
    Low = 0,
    Medium = 1,
    High = 2,
}
