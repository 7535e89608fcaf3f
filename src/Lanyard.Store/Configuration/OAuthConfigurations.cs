using Lanyard.Core.Inventory;
using Lanyard.Core.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lanyard.Store.Configuration;

internal sealed class OAuthClientConfiguration : IEntityTypeConfiguration<OAuthClient>
{
    public void Configure(EntityTypeBuilder<OAuthClient> builder)
    {
        builder.ToTable("oauth_clients");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Environment).HasMaxLength(63);
        builder.Property(c => c.TlsClientAuthSanUri).HasMaxLength(2048);
        builder.Property(c => c.SelfSignedCertificateThumbprint).HasMaxLength(43);
        builder.Property(c => c.Scopes)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasIndex(c => c.IdentityId);
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(c => c.Environment).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity>().WithMany().HasForeignKey(c => c.IdentityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Kid);
        builder.Property(k => k.Kid).HasMaxLength(64);
        builder.Property(k => k.Environment).HasMaxLength(63);
        builder.Property(k => k.Algorithm).HasMaxLength(16);
        builder.Property(k => k.PrecededByKid).HasMaxLength(64);
        builder.HasIndex(k => new { k.Environment, k.CreatedAt });
        builder.HasIndex(k => k.PrecededByKid).IsUnique();
        builder.HasOne<DeploymentEnvironment>().WithMany().HasForeignKey(k => k.Environment).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevokedTokenConfiguration : IEntityTypeConfiguration<RevokedToken>
{
    public void Configure(EntityTypeBuilder<RevokedToken> builder)
    {
        builder.ToTable("revoked_tokens");
        builder.HasKey(t => t.Jti);
        builder.Property(t => t.Jti).HasMaxLength(64);
        builder.Property(t => t.Environment).HasMaxLength(63);
        builder.Property(t => t.ClientId).HasMaxLength(100);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

internal sealed class UsedClientAssertionConfiguration : IEntityTypeConfiguration<UsedClientAssertion>
{
    public void Configure(EntityTypeBuilder<UsedClientAssertion> builder)
    {
        builder.ToTable("used_client_assertions");
        builder.HasKey(a => new { a.ClientId, a.Jti });
        builder.Property(a => a.ClientId).HasMaxLength(100);
        builder.Property(a => a.Jti).HasMaxLength(256);
        builder.HasIndex(a => a.ExpiresAt);
    }
}
