using Lanyard.Core.Discovery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class SecretSightingConfiguration : IEntityTypeConfiguration<SecretSighting>
{
    public void Configure(EntityTypeBuilder<SecretSighting> builder)
    {
        builder.ToTable("secret_sightings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SightingKey).HasMaxLength(64);
        builder.Property(s => s.Fingerprint).HasMaxLength(64);
        builder.Property(s => s.RuleId).HasMaxLength(ScanReportRules.MaxRuleLength);
        builder.Property(s => s.Kind).HasMaxLength(ScanReportRules.MaxRuleLength);
        builder.Property(s => s.Source).HasMaxLength(ScanReportRules.MaxSourceLength);
        builder.Property(s => s.Path).HasMaxLength(ScanReportRules.MaxPathLength);
        builder.Property(s => s.Commit).HasMaxLength(64);
        builder.Property(s => s.Layer).HasMaxLength(ScanReportRules.MaxLayerLength);
        builder.Property(s => s.ReportedBy).HasMaxLength(200);

        builder.HasIndex(s => s.SightingKey).IsUnique();
        builder.HasIndex(s => s.Fingerprint);
        builder.HasIndex(s => s.Source);
    }
}
