using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class WatchedEndpointConfiguration : IEntityTypeConfiguration<WatchedEndpoint>
{
    public void Configure(EntityTypeBuilder<WatchedEndpoint> builder)
    {
        builder.ToTable("watched_endpoints");
        builder.HasKey(e => e.Id);
        builder.Ignore(e => e.Target);
        builder.Property(e => e.Host).HasMaxLength(WatchedEndpoint.MaxHostLength);
        builder.Property(e => e.ServerName).HasMaxLength(WatchedEndpoint.MaxHostLength);
        builder.Property(e => e.Environment).HasMaxLength(63);
        builder.Property(e => e.LastError).HasMaxLength(1000);
        builder.Property(e => e.Problems)
            .HasConversion(JsonColumn.Converter<List<ProbeProblem>>(), JsonColumn.Comparer<List<ProbeProblem>>());

        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(e => e.Environment).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity>().WithMany().HasForeignKey(e => e.IdentityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Credential>().WithMany().HasForeignKey(e => e.CredentialId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => new { e.Environment, e.Host, e.Port }).IsUnique();
        builder.HasIndex(e => e.NextProbeAt);
    }
}
