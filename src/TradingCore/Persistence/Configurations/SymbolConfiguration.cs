using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class SymbolConfiguration : IEntityTypeConfiguration<SymbolEntity>
{
    public void Configure(EntityTypeBuilder<SymbolEntity> builder)
    {
        builder.ToTable("symbols");
        builder.HasKey(symbol => symbol.Name);
        builder.Property(symbol => symbol.Name).HasMaxLength(32);
        builder.Property(symbol => symbol.Spec).IsRequired();
    }
}
