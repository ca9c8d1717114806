using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class BarConfiguration : IEntityTypeConfiguration<BarEntity>
{
    public void Configure(EntityTypeBuilder<BarEntity> builder)
    {
        builder.ToTable("bars");
        // History reads are "symbol, timeframe, time range": the key is that index.
        builder.HasKey(bar => new { bar.Symbol, bar.Timeframe, bar.TimeMs });
        builder.Property(bar => bar.Symbol).HasMaxLength(32);
        builder.Property(bar => bar.Open).IsRequired();
        builder.Property(bar => bar.High).IsRequired();
        builder.Property(bar => bar.Low).IsRequired();
        builder.Property(bar => bar.Close).IsRequired();
    }
}
