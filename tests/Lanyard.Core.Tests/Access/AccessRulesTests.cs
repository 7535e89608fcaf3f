using Lanyard.Core.Access;
using Lanyard.Core.Inventory;

namespace Lanyard.Core.Tests.Access;

public sealed class AccessRulesTests
{
    private static readonly OwnerId TeamA = new(Guid.CreateVersion7());
    private static readonly OwnerId TeamB = new(Guid.CreateVersion7());
    private static readonly IdentityId Orders = new(Guid.CreateVersion7());

    private static readonly Grant Unlimited = new(Role.Admin, [], [], null);
    private static readonly Grant DevAdmin = new(Role.Admin, ["dev"], [], null);
    private static readonly Grant DevOwnerOfA = new(Role.Owner, ["dev"], [TeamA], null);
    private static readonly Grant OrdersWorkload = Grant.ForWorkload(Orders, "dev");

    [Fact]
    public void A_role_without_reach_is_refused_whatever_the_target()
    {
        var refusal = AccessRules.Refusal(Unlimited, null, new AccessTarget("dev", TeamA, Orders));

        Assert.Equal("the admin role may not make this request", refusal);
    }

    [Fact]
    public void An_unlimited_principal_reaches_every_environment_and_requests_bound_to_none()
    {
        Assert.Null(AccessRules.Refusal(Unlimited, Reach.GrantedEnvironments, new AccessTarget("prod")));
        Assert.Null(AccessRules.Refusal(Unlimited, Reach.GrantedEnvironments, AccessTarget.Global));
    }

    [Fact]
    public void A_limited_admin_reaches_its_environments_only_and_nothing_that_spans_them()
    {
        Assert.Null(AccessRules.Refusal(DevAdmin, Reach.GrantedEnvironments, new AccessTarget("dev")));
        Assert.Equal("this admin is limited to environment(s) dev, not prod",
            AccessRules.Refusal(DevAdmin, Reach.GrantedEnvironments, new AccessTarget("prod")));
        Assert.Contains("not bound to one of them", AccessRules.Refusal(DevAdmin, Reach.GrantedEnvironments, AccessTarget.Global),
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_manages_its_teams_identities_in_its_environments_and_no_others()
    {
        Assert.Null(AccessRules.Refusal(DevOwnerOfA, Reach.OwnTeam, new AccessTarget("dev", TeamA, Orders)));
        Assert.Contains("not prod", AccessRules.Refusal(DevOwnerOfA, Reach.OwnTeam, new AccessTarget("prod", TeamA, Orders)),
            StringComparison.Ordinal);
        Assert.Contains($"not team {TeamB}", AccessRules.Refusal(DevOwnerOfA, Reach.OwnTeam, new AccessTarget("dev", TeamB, Orders)),
            StringComparison.Ordinal);
        Assert.Contains("has no owner", AccessRules.Refusal(DevOwnerOfA, Reach.OwnTeam, new AccessTarget("dev", null, Orders)),
            StringComparison.Ordinal);
        Assert.Null(AccessRules.Refusal(DevOwnerOfA, Reach.OwnTeam, new AccessTarget(Owner: TeamA)));
        Assert.NotNull(AccessRules.Refusal(DevOwnerOfA, Reach.OwnTeam, AccessTarget.Global));
    }

    [Fact]
    public void A_workload_reaches_its_own_identity_only()
    {
        Assert.Null(AccessRules.Refusal(OrdersWorkload, Reach.OwnIdentity, new AccessTarget("dev", TeamA, Orders)));
        Assert.Equal("the workload role reaches only its own identity's credentials",
            AccessRules.Refusal(OrdersWorkload, Reach.OwnIdentity, new AccessTarget("dev", TeamA, new IdentityId(Guid.CreateVersion7()))));
        Assert.NotNull(AccessRules.Refusal(OrdersWorkload, Reach.OwnIdentity, AccessTarget.Global));
        Assert.NotNull(AccessRules.Refusal(OrdersWorkload, Reach.GrantedEnvironments, new AccessTarget("prod")));
    }
}
