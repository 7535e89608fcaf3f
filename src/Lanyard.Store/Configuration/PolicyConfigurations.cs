using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.ToTable("policy_versions");
        builder.HasKey(p => new { p.Environment, p.Version });
        builder.Property(p => p.Environment).HasMaxLength(63);
        builder.Property(p => p.Text).HasMaxLength(PolicyReader.MaxLength);
        builder.Property(p => p.Digest).HasMaxLength(64);
        builder.Property(p => p.AppliedBy).HasMaxLength(200);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(p => p.Environment).OnDelete(DeleteBehavior.Cascade);
    }
}
