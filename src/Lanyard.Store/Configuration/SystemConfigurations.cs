using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.Time);
        builder.HasIndex(a => new { a.Target, a.Sequence });
        builder.HasIndex(a => new { a.Actor, a.Sequence });
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("audit_head");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64);
        builder.HasData(new AuditHead { Id = AuditHead.SingletonId, LastSequence = 0, LastHash = AuditChain.GenesisHash });
    }
}

internal sealed class PrincipalConfiguration : IEntityTypeConfiguration<Principal>
{
    public void Configure(EntityTypeBuilder<Principal> builder)
    {
        builder.ToTable("principals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.TokenHash).HasMaxLength(64);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        builder.Property(p => p.Environments)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Property(p => p.Teams)
            .HasConversion(JsonColumn.Converter<List<Guid>>(), JsonColumn.Comparer<List<Guid>>());
        builder.HasOne<Identity>().WithMany().HasForeignKey(p => p.IdentityId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DashboardSessionConfiguration : IEntityTypeConfiguration<DashboardSession>
{
    public void Configure(EntityTypeBuilder<DashboardSession> builder)
    {
        builder.ToTable("dashboard_sessions");
        builder.HasKey(s => s.ReferenceHash);
        builder.Property(s => s.ReferenceHash).HasMaxLength(64);
        builder.HasIndex(s => s.PrincipalId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<Principal>().WithMany().HasForeignKey(s => s.PrincipalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SystemSecretConfiguration : IEntityTypeConfiguration<SealedSystemSecret>
{
    public void Configure(EntityTypeBuilder<SealedSystemSecret> builder)
    {
        builder.ToTable("system_secrets");
        builder.HasKey(s => s.Name);
    }
}
