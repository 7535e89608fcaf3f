using Lanyard.Core.Inventory;
using Lanyard.Store.Acme;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class AcmeAccountConfiguration : IEntityTypeConfiguration<AcmeAccount>
{
    public void Configure(EntityTypeBuilder<AcmeAccount> builder)
    {
        builder.ToTable("acme_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(32);
        builder.Property(a => a.Environment).HasMaxLength(63);
        builder.Property(a => a.KeyThumbprint).HasMaxLength(64);
        builder.Property(a => a.KeyJson).HasMaxLength(4096);
        builder.Property(a => a.EabKid).HasMaxLength(64);
        builder.Property(a => a.Contacts)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasIndex(a => new { a.Environment, a.KeyThumbprint }).IsUnique();
        builder.HasIndex(a => a.IdentityId);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(a => a.Environment).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity>().WithMany().HasForeignKey(a => a.IdentityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AcmeEabKeyConfiguration : IEntityTypeConfiguration<AcmeEabKey>
{
    public void Configure(EntityTypeBuilder<AcmeEabKey> builder)
    {
        builder.ToTable("acme_eab_keys");
        builder.HasKey(k => k.Kid);
        builder.Property(k => k.Kid).HasMaxLength(64);
        builder.Property(k => k.Environment).HasMaxLength(63);
        builder.Property(k => k.AccountId).HasMaxLength(32);
        builder.HasIndex(k => k.IdentityId);
        builder.HasOne<Identity>().WithMany().HasForeignKey(k => k.IdentityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AcmeOrderConfiguration : IEntityTypeConfiguration<AcmeOrder>
{
    public void Configure(EntityTypeBuilder<AcmeOrder> builder)
    {
        builder.ToTable("acme_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(32);
        builder.Property(o => o.AccountId).HasMaxLength(32);
        builder.Property(o => o.Environment).HasMaxLength(63);
        builder.Property(o => o.Replaces).HasMaxLength(200);
        builder.Property(o => o.Names)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasIndex(o => new { o.AccountId, o.CreatedAt });
        builder.HasIndex(o => o.CertificateId);
        builder.HasOne<AcmeAccount>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AcmeAuthorizationConfiguration : IEntityTypeConfiguration<AcmeAuthorization>
{
    public void Configure(EntityTypeBuilder<AcmeAuthorization> builder)
    {
        builder.ToTable("acme_authorizations");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(32);
        builder.Property(a => a.OrderId).HasMaxLength(32);
        builder.Property(a => a.AccountId).HasMaxLength(32);
        builder.Property(a => a.Name).HasMaxLength(253);
        builder.HasIndex(a => a.OrderId);
        builder.HasOne<AcmeOrder>().WithMany().HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AcmeChallengeConfiguration : IEntityTypeConfiguration<AcmeChallenge>
{
    public void Configure(EntityTypeBuilder<AcmeChallenge> builder)
    {
        builder.ToTable("acme_challenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.AuthorizationId).HasMaxLength(32);
        builder.Property(c => c.Type).HasMaxLength(32);
        builder.Property(c => c.Token).HasMaxLength(64);
        builder.HasIndex(c => c.AuthorizationId);
        builder.HasOne<AcmeAuthorization>().WithMany().HasForeignKey(c => c.AuthorizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
