using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.OAuth;
using Lanyard.Store.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store;

/// <summary>
/// The inventory, audit trail, principals and sealed system secrets. One subclass per database
/// dialect carries that dialect's migrations.
/// </summary>
public abstract class LanyardDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DeploymentEnvironment> Environments => Set<DeploymentEnvironment>();

    /// <summary>Every policy applied to each environment; the newest version of one is in force.</summary>
    public DbSet<Core.Policy.PolicyVersion> PolicyVersions => Set<Core.Policy.PolicyVersion>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<Identity> Identities => Set<Identity>();

    public DbSet<Credential> Credentials => Set<Credential>();

    /// <summary>Places scanners reported hardcoded secrets, by fingerprint; never the secrets.</summary>
    public DbSet<SecretSighting> SecretSightings => Set<SecretSighting>();

    /// <summary>TLS endpoints probed on a schedule, with what their last probe found.</summary>
    public DbSet<WatchedEndpoint> WatchedEndpoints => Set<WatchedEndpoint>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<Principal> Principals => Set<Principal>();

    public DbSet<DashboardSession> DashboardSessions => Set<DashboardSession>();

    public DbSet<SealedSystemSecret> SystemSecrets => Set<SealedSystemSecret>();

    public DbSet<OAuthClient> OAuthClients => Set<OAuthClient>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<RevokedToken> RevokedTokens => Set<RevokedToken>();

    public DbSet<UsedClientAssertion> UsedClientAssertions => Set<UsedClientAssertion>();

    /// <summary>The webhook outbox: events for owners, written with the change they report.</summary>
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();

    public DbSet<Acme.AcmeAccount> AcmeAccounts => Set<Acme.AcmeAccount>();

    public DbSet<Acme.AcmeEabKey> AcmeEabKeys => Set<Acme.AcmeEabKey>();

    public DbSet<Acme.AcmeOrder> AcmeOrders => Set<Acme.AcmeOrder>();

    public DbSet<Acme.AcmeAuthorization> AcmeAuthorizations => Set<Acme.AcmeAuthorization>();

    public DbSet<Acme.AcmeChallenge> AcmeChallenges => Set<Acme.AcmeChallenge>();

    /// <summary>Which dialect this context speaks; decides the few raw SQL statements.</summary>
    public abstract StoreDialect Dialect { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LanyardDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<IdentityId>().HaveConversion<IdentityIdConverter>();
        configurationBuilder.Properties<CredentialId>().HaveConversion<CredentialIdConverter>();
        configurationBuilder.Properties<OwnerId>().HaveConversion<OwnerIdConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
