using Lanyard.Core.Access;

namespace Lanyard.Store.Audit;

/// <summary>Who is acting: recorded on every audit event.</summary>
public sealed record Actor(string Name, Role? Role)
{
    /// <summary>Lanyard itself: start-up, background work.</summary>
    public static readonly Actor System = new("system", null);

    /// <summary>A caller that has not authenticated.</summary>
    public static readonly Actor Anonymous = new("anonymous", null);
}
