using Lanyard.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class EnvironmentConfiguration : IEntityTypeConfiguration<DeploymentEnvironment>
{
    public void Configure(EntityTypeBuilder<DeploymentEnvironment> builder)
    {
        builder.ToTable("environments");
        builder.HasKey(e => e.Name);
        builder.Property(e => e.Name).HasMaxLength(63);
        builder.Property(e => e.TrustDomain).HasMaxLength(253);
    }
}

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> builder)
    {
        builder.ToTable("owners");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(128);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.Contact).HasMaxLength(320);
        builder.Property(o => o.WebhookUrl).HasMaxLength(2048);
    }
}

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<Identity>
{
    public void Configure(EntityTypeBuilder<Identity> builder)
    {
        builder.ToTable("identities");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Environment).HasMaxLength(63);
        builder.Property(i => i.SpiffeId).HasMaxLength(2048);
        builder.Property(i => i.ExternalKey).HasMaxLength(512);
        builder.Property(i => i.Labels)
            .HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());

        builder.HasIndex(i => new { i.Environment, i.Name }).IsUnique();
        builder.HasIndex(i => new { i.Environment, i.ExternalKey });
        builder.HasIndex(i => i.OwnerId);
        builder.HasIndex(i => new { i.Name, i.Id });
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(i => i.Environment).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Owner>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.ToTable("credentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(512);
        builder.Property(c => c.Environment).HasMaxLength(63);
        builder.Property(c => c.ExternalKey).HasMaxLength(512);
        builder.Property(c => c.Fingerprint).HasMaxLength(64);
        builder.Property(c => c.LastUsedFrom).HasMaxLength(64);
        builder.Property(c => c.SerialNumber).HasMaxLength(64);
        builder.Property(c => c.SubjectAlternativeNames)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());

        builder.HasIndex(c => new { c.Environment, c.ExternalKey });
        builder.HasIndex(c => c.IdentityId);
        builder.HasIndex(c => c.Fingerprint);
        builder.HasIndex(c => new { c.Kind, c.KeyId });
        builder.HasIndex(c => c.RetiresAt);

        // One successor per predecessor: a rotation retried after a crash, or run by two replicas
        // at once, can never issue a second one.
        builder.HasIndex(c => c.RotatedFromId).IsUnique();
        // Keyset pagination of the dashboard: each sort order is (column, id).
        builder.HasIndex(c => new { c.ExpiresAt, c.Id });
        builder.HasIndex(c => new { c.Name, c.Id });
        builder.HasIndex(c => new { c.Environment, c.Name, c.Id });
        builder.HasIndex(c => new { c.UpdatedAt, c.Id });
        builder.HasIndex(c => c.OwnerId);
        builder.HasIndex(c => new { c.Environment, c.Kind, c.State });
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(c => c.Environment).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity>().WithMany().HasForeignKey(c => c.IdentityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Owner>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
