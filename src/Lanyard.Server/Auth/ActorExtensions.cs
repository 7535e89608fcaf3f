using System.Security.Claims;
using Lanyard.Core.Access;
using Lanyard.Store.Audit;

namespace Lanyard.Server.Auth;

internal static class ActorExtensions
{
    /// <summary>The audit actor for an authenticated caller.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? Actor.Anonymous.Name;
        Role? role = Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var parsed) ? parsed : null;
        return new Actor(name, role);
    }
}
