using System.Net;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests;

/// <summary>Tests that move the server's clock; they get a server of their own.</summary>
public sealed class OAuthLifetimeTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task An_access_token_is_inactive_once_its_fifteen_minutes_have_passed()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var token = await client.TokenAsync();
        using var workload = server.Client(token);

        server.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.True((await client.IntrospectAsync(token))["active"]!.GetValue<bool>());

        server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await client.IntrospectAsync(token))["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
    }
}
