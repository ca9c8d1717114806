using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeyEntity>
{
    public void Configure(EntityTypeBuilder<ApiKeyEntity> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(key => key.KeyId);
        builder.Property(key => key.KeyId).HasMaxLength(32);
        builder.Property(key => key.Name).HasMaxLength(128).IsRequired();
        builder.Property(key => key.Roles).HasMaxLength(64).IsRequired();
        builder.Property(key => key.AccountIds).HasMaxLength(4096).IsRequired();
        builder.Property(key => key.SecretHash).HasMaxLength(256).IsRequired();
    }
}
