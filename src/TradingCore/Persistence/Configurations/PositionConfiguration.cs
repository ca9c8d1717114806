using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class PositionConfiguration : IEntityTypeConfiguration<PositionEntity>
{
    public void Configure(EntityTypeBuilder<PositionEntity> builder)
    {
        builder.ToTable("positions");
        builder.HasKey(position => position.Identifier);
        builder.Property(position => position.Identifier).ValueGeneratedNever();
        builder.Property(position => position.Symbol).HasMaxLength(32).IsRequired();
        builder.Property(position => position.Comment).HasMaxLength(64).IsRequired();
        builder.Property(position => position.Volume).IsRequired();
        builder.Property(position => position.PriceOpen).IsRequired();
        builder.HasOne<AccountEntity>().WithMany().HasForeignKey(position => position.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(position => position.AccountId);
    }
}
