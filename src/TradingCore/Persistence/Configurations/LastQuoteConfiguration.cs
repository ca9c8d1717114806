using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class LastQuoteConfiguration : IEntityTypeConfiguration<LastQuoteEntity>
{
    public void Configure(EntityTypeBuilder<LastQuoteEntity> builder)
    {
        builder.ToTable("last_quotes");
        builder.HasKey(quote => quote.Symbol);
        builder.Property(quote => quote.Symbol).HasMaxLength(32);
    }
}
